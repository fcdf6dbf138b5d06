/**
 * The job log's lines in German, by code (main/contract/log-lines.ts): block `logLine` of de.ts.
 * `{{error}}` is the line's error as the app says it; `count` drives the plural. Sie, never du.
 */
import type { logLineEn, logWordsEn } from './log-line-en.js';

export const logLineDe: typeof logLineEn = {
  jobFailed: '{{error}}',
  createRetry: 'Projekt anlegen: {{error}} Neuer Versuch in {{seconds, number}} s.',
  startRetry: 'Verarbeitung starten: {{error}} Neuer Versuch in {{seconds, number}} s.',
  statusCheckFailed: 'Der Status konnte nicht abgefragt werden ({{error}}); es wird weiter versucht.',
  status: 'Status: {{status}}',
  cloudStatus: '{{status}} (Cloud-Status „{{said}}“)',
  statusNone: 'Status: (keiner)',
  cleanupFailed: 'Aufräumen beim Dienst fehlgeschlagen: {{error}}',
  removeTaskFailed: 'Die Aufgabe konnte beim Dienst nicht entfernt werden: {{error}}',
  sendAgain: '{{error}} Der Satz wird erneut gesendet.',
  newProjectAfterForgotten:
    '{{project}} wird als neues Projekt erneut gestartet (die Cloud kennt es nicht mehr).',
  scanSkipped: 'Ausgelassen: {{file}}: {{reason}}',
  scanRejected: 'Nicht angenommen: {{file}}: {{reason}}',
  scanWarning: '{{warning}}',
  cloudLinksMismatch:
    'Die Cloud lieferte {{links, number}} Upload-Links für {{parts, number}} Teile; das Projekt wird zurückgesetzt.',
  cloudProjectContinued:
    'Das Projekt {{project}} wurde bei einem früheren Lauf angelegt; es wird fortgesetzt.',
  cloudProjectCreated_one: 'Projekt {{project}} angelegt: {{count, number}} Teil, {{size, bytes}}.',
  cloudProjectCreated_other: 'Projekt {{project}} angelegt: {{count, number}} Teile, {{size, bytes}}.',
  cloudUnverified:
    'Der Upload-Server bestätigt die Teile nicht mit einer prüfbaren Prüfsumme; sie werden ungeprüft angenommen.',
  partRetry: 'Teil {{part}}: {{error}} Versuch {{attempt}} in {{seconds, number}} s.',
  cloudProcessingStarted: 'Die Verarbeitung von {{project}} hat begonnen.',
  resultRenamed: '„{{from}}“ als „{{to}}“ gespeichert (unsicherer Name).',
  resultSaved_one: 'Modell gespeichert in {{folder}} ({{count, number}} Datei).',
  resultSaved_other: 'Modell gespeichert in {{folder}} ({{count, number}} Dateien).',
  nodeTaskCreated: 'Aufgabe {{task}} auf {{node}} angelegt.',
  nodeUploadRetry_one:
    'Upload von {{file}} ({{count, number}} Foto) fehlgeschlagen: {{error}} Versuch {{attempt}} in {{seconds, number}} s.',
  nodeUploadRetry_other:
    'Upload von {{file}} … ({{count, number}} Fotos) fehlgeschlagen: {{error}} Versuch {{attempt}} in {{seconds, number}} s.',
  nodeSent_one:
    '{{count, number}} Foto in {{requests, number}} Anfragen gesendet ({{retried, number}} wiederholt).',
  nodeSent_other:
    '{{count, number}} Fotos in {{requests, number}} Anfragen gesendet ({{retried, number}} wiederholt).',
  nodeTaskCommitted: 'Aufgabe {{task}} übergeben; der Knoten beginnt mit der Verarbeitung.',
  downloadRetry:
    'Download unterbrochen: {{error}} In {{seconds, number}} s geht es weiter (Versuch {{attempt}}).',
  resultExtracted_one: '{{count, number}} Datei nach {{folder}} entpackt.',
  resultExtracted_other: '{{count, number}} Dateien nach {{folder}} entpackt.',
  nodeTaskRestarted: 'Aufgabe {{task}} auf {{node}} neu gestartet, mit den Fotos, die der Knoten schon hat.',
  localColmapDense:
    'COLMAP {{version}} ({{source}}: {{command}}). Dieser Rechner kann mit seiner NVIDIA-GPU ein dünnes Modell und ein detailliertes (dichtes) Netz erstellen.',
  localColmapSparse:
    'COLMAP {{version}} ({{source}}: {{command}}). Dieser Rechner kann ein dünnes Modell und ein grobes Netz erstellen; ein detailliertes Netz braucht eine NVIDIA-GPU oder die Cloud.',
  localPlan:
    'Plan: {{matcher}} ({{why}}), {{camera}}{{focal}}, bis zu {{features, number}} Merkmale bei {{size, number}} px, {{threads, number}} Threads.',
  localSkipped: 'Ausgelassen: {{file}}: {{reason}}',
  localModels_one: 'COLMAP hat {{count, number}} Modell erstellt; verwendet wird {{path}}.',
  localModels_other:
    'COLMAP hat {{count, number}} getrennte Modelle erstellt (die Fotos bilden Gruppen, die sich nicht überlappen); verwendet wird das größte, {{path}}.',
  localNoMesh: 'Kein Netz: {{error}}',
  watchError: 'Überwachung von {{folder}}: {{error}}',
  watchSetChanged: '{{set}} hat sich nach dem Senden geändert; es wird als neues Projekt erneut gesendet.',
  watchSetSent: '{{set}}: vollständig, gesendet als Auftrag {{job}}.',
  watchSetSentAs: '{{set}}: vollständig, gesendet als Auftrag {{job}} ({{project}}).',
  watchSetDeleted: '{{set}}: fertig; wie in der Regel festgelegt gelöscht.',
  watchSetKept: '{{set}}: fertig, aber seit dem Senden geändert, daher behalten.',
  watchFolderBack: 'Der überwachte Ordner {{folder}} ist wieder da; die Überwachung läuft weiter.',
  watchFolderGone:
    'Der überwachte Ordner {{folder}} ist verschwunden (gelöscht, umbenannt oder ausgehängt). Es wird gewartet, bis er wieder da ist.',
  watchSetFailed: '{{set}}: {{error}}',
  jobCreated: 'Auftrag {{job}} für {{project}} angelegt.',
  scanned_one: '{{paths}} gelesen: {{count, number}} Foto, {{skipped, number}} nicht hochgeladen.',
  scanned_other: '{{paths}} gelesen: {{count, number}} Fotos, {{skipped, number}} nicht hochgeladen.',
  checkGood_one:
    'Prüfung {{check}}: gut; {{flagged, number}} von {{count, number}} Foto markiert ({{seconds, number}} s).',
  checkGood_other:
    'Prüfung {{check}}: gut; {{flagged, number}} von {{count, number}} Fotos markiert ({{seconds, number}} s).',
  checkRisky_one:
    'Prüfung {{check}}: riskant; {{flagged, number}} von {{count, number}} Foto markiert ({{seconds, number}} s).',
  checkRisky_other:
    'Prüfung {{check}}: riskant; {{flagged, number}} von {{count, number}} Fotos markiert ({{seconds, number}} s).',
  checkWillFail_one:
    'Prüfung {{check}}: wird scheitern; {{flagged, number}} von {{count, number}} Foto markiert ({{seconds, number}} s).',
  checkWillFail_other:
    'Prüfung {{check}}: wird scheitern; {{flagged, number}} von {{count, number}} Fotos markiert ({{seconds, number}} s).',
  checkFailed: 'Prüfung {{check}} fehlgeschlagen: {{error}}',
  openedWith: '{{file}} mit {{app}} geöffnet.',
  nodeTokenSaved: 'NodeODM-Token für das Profil {{profile}} gespeichert.',
  nodeTokenRemoved: 'NodeODM-Token für das Profil {{profile}} entfernt.',
  projectReset: 'Projekt {{project}} zurückgesetzt.',
  downloaded: '{{project}} nach {{folder}} heruntergeladen.',
  tokenSaved: 'Token gespeichert ({{masked}}).',
  tokenPublic: 'Das öffentliche Token wird verwendet.',
  tokenRequested: 'Token angefordert; es kommt per E-Mail.',
  tokenRemoved: 'Token entfernt.',
  settingsChanged: 'Einstellungen geändert: {{keys}}.',
  diagnosticsSaved: 'Diagnosedaten gespeichert unter {{path}}.',
  resumeFailed: 'Aufträge konnten nicht fortgesetzt werden: {{error}}',
  quitCheckFailed: 'Prüfung beim Beenden fehlgeschlagen: {{error}}',
  updatesOff: 'Updates sind aus: {{error}}',
  updateCheckFailed: 'Die Suche nach Updates ist fehlgeschlagen: {{error}}',
};

export const logWordsDe: typeof logWordsEn = {
  matcher_exhaustive: 'jedes Fotopaar abgeglichen',
  matcher_sequential: 'jedes Foto mit seinen nächsten Nachbarn abgeglichen',
  matcher_checked: 'die von der Prüfung gefundenen Paare abgeglichen',
  why_user: 'von Ihnen gewählt',
  why_checkGraph: 'Übereinstimmungen der Vorabprüfung: {{figure, number}} Paare',
  why_exifTimes: 'geordnete Aufnahme: EXIF-Aufnahmezeiten',
  why_numberedNames: 'geordnete Aufnahme: nummerierte Dateinamen',
  why_tooMany: 'mehr als {{figure, number}} Fotos ohne klare Reihenfolge: jedes Paar würde Stunden dauern',
  why_noOrder: 'keine klare Aufnahmereihenfolge',
  camera_shared: 'eine gemeinsame Kamera',
  camera_perPhoto: 'eine Kamera je Foto',
  focal: ' (EXIF-Brennweite {{focal, number}} px)',
};
