import type { Messages } from './en.js';
import { logLineDe, logWordsDe } from './log-line-de.js';

export const de: Messages = {
  app: { name: 'ScanBridge', skip: 'Zum Inhalt springen', loading: 'Wird geladen…' },
  nav: {
    home: 'Start',
    queue: 'Warteschlange',
    projects: 'Projekte',
    settings: 'Einstellungen',
    log: 'Protokoll',
    main: 'Hauptmenü',
  },
  header: {
    credit: 'Guthaben',
    creditValue: '{{value}}',
    noToken: 'Kein Token',
    token: 'Token',
    online: 'Cloud online',
    offline: 'Cloud nicht erreichbar',
    unknown: 'Cloud wird geprüft…',
    checkedAt: 'Zuletzt geprüft {{time}}',
    cloudQueue_zero: 'Cloud-Warteschlange: leer',
    cloudQueue_one: 'Cloud-Warteschlange: {{count}} Satz, ~{{time}}',
    cloudQueue_other: 'Cloud-Warteschlange: {{count}} Sätze, ~{{time}}',
    ownJobs_one: 'Ihre: {{count}} Auftrag läuft',
    ownJobs_other: 'Ihre: {{count}} Aufträge laufen',
  },
  token: {
    title: 'Mit der OpenScan Cloud verbinden',
    intro: 'Fügen Sie Ihr Token ein, um Fotosätze hochzuladen. Es wird vor dem Speichern geprüft.',
    label: 'Token',
    placeholder: 'Token aus der E-Mail einfügen',
    check: 'Prüfen und speichern',
    checking: 'Wird geprüft…',
    saved: 'Token gespeichert: {{masked}}',
    credit: 'Guthaben: {{credit}}',
    limits: 'Pro Satz: bis zu {{photos}} Fotos und {{size}}',
    current: 'Aktuelles Token: {{masked}} ({{kind}})',
    kind_private: 'privat',
    kind_public: 'öffentlich',
    remove: 'Token entfernen',
    close: 'Schließen',
    requestTitle: 'Noch kein Token? Hier anfordern',
    requestIntro: 'Ihr Token wird Ihnen per E-Mail geschickt. Fügen Sie es hier ein, sobald es ankommt.',
    mail: 'E-Mail',
    forename: 'Vorname',
    lastname: 'Nachname',
    request: 'Token anfordern',
    requested: 'Angefordert. Das Token kommt per E-Mail.',
    publicTitle: 'Oder das öffentliche Token verwenden',
    publicWarning:
      'Projekte mit dem öffentlichen Token kann jeder lesen, der den Projektnamen kennt, und die Fotos werden für die Forschung verwendet.',
    usePublic: 'Öffentliches Token verwenden',
  },
  home: {
    title: 'Fotosatz wählen',
    drop: 'Ordner, Zip oder Fotos hierher ziehen',
    dropWeb: 'Im Browser: Pfad eines Ordners oder Zips unten eingeben oder danach suchen.',
    pickFolder: 'Ordner wählen…',
    pickZip: 'Zip wählen…',
    pickFiles: 'Fotos wählen…',
    pathLabel: 'Pfad zu Ordner oder Zip',
    pathPlaceholder: '/home/name/scans/eule',
    open: 'Prüfen',
    browse: 'Durchsuchen…',
    recent: 'Letzte Projekte',
    noRecent: 'Noch nichts. Ihre Uploads erscheinen hier.',
    scanning: 'Fotos werden gelesen…',
    notUsable: '„{{name}}“ ist weder Ordner noch Zip noch Foto.',
    dropNeedsPath:
      'Der Browser verrät ScanBridge nicht, wo gezogene Dateien liegen. Bitte den Pfad eingeben.',
  },
  browser: {
    title: 'Durchsuchen',
    up: 'Einen Ordner nach oben',
    useFolder: 'Diesen Ordner verwenden ({{count}} Fotos)',
    empty: 'Keine Ordner, Zips oder Fotos hier.',
    truncated: 'Nur die ersten Einträge werden gezeigt.',
    close: 'Schließen',
    kind_dir: 'Ordner',
    kind_zip: 'Zip',
    kind_image: 'Foto',
    cannotOpen:
      'ScanBridge kann „{{path}}“ nicht öffnen. Prüfen Sie, ob der Ordner existiert und Sie ihn lesen dürfen; hier ist stattdessen Ihr Benutzerordner.',
    cannotOpenHome:
      'ScanBridge kann Ihren Benutzerordner nicht auflisten. Geben Sie stattdessen den vollständigen Pfad des Ordners ein.',
  },
  review: {
    title: 'Satz prüfen',
    photos_one: '{{count}} Foto',
    photos_other: '{{count}} Fotos',
    limits: 'Grenzen des Tokens',
    size: '{{size}}',
    limitOk: 'Innerhalb der Grenzen Ihres Tokens',
    limitUnknown: 'Noch nicht gegen ein Token geprüft',
    over_photos: 'Zu viele Fotos: {{actual}} von höchstens {{limit}}',
    over_filesize: 'Zu groß: {{actual}} von höchstens {{limit}}',
    over_credit: 'Nicht genug Guthaben: braucht {{actual}}, {{limit}} übrig',
    warnings: 'Warnungen',
    skipped: 'Nicht hochgeladen ({{count}})',
    name: 'Projektname',
    nameHelp: 'Ein zufälliger Zusatz wird angehängt, damit niemand ihn erraten kann.',
    upload: 'Hochladen',
    local: 'Lokal rekonstruieren',
    back: 'Zurück',
    noPhotos: 'Hier wurden keine verwendbaren Fotos gefunden.',
    grid: 'Fotos',
    eta: 'Upload etwa {{upload}}, dann Warteschlange etwa {{queue}}: ein Modell in etwa {{total}}',
  },
  queue: {
    title: 'Warteschlange',
    empty: 'Keine laufenden Uploads.',
    partsSent_one: '{{done}} von {{count}} Teil gesendet',
    partsSent_other: '{{done}} von {{count}} Teilen gesendet',
    rate: '{{rate}}/s',
    eta: 'noch {{time}}',
    toModel: 'Modell in ~{{time}}',
    toModelAtLeast: 'Modell frühestens in ~{{time}}',
    toModelEstimating: 'Modell in: wird geschätzt…',
    pause: 'Pausieren',
    resume: 'Fortsetzen',
    cancel: 'Abbrechen',
    retry: 'Erneut versuchen',
    remove: 'Entfernen',
    progress: 'Fortschritt von {{name}}',
  },
  state: {
    queued: 'Wartet',
    scanning: 'Fotos werden geprüft',
    creating: 'Projekt wird angelegt',
    uploading: 'Wird hochgeladen',
    paused: 'Pausiert',
    starting: 'Wird gestartet',
    processing: 'Wird berechnet',
    downloading: 'Wird heruntergeladen',
    done: 'Fertig',
    failed: 'Fehlgeschlagen',
    cancelled: 'Abgebrochen',
  },
  preview: {
    title: '3D-Vorschau: {{name}}',
    open: 'Vorschau',
    model: 'Modell',
    none: 'Dieses Ergebnis enthält kein anzeigbares Modell (.ply, .obj, .glb, .gltf).',
    canvas: '3D-Ansicht des Modells. Ziehen zum Drehen, Scrollen zum Zoomen, rechts ziehen zum Verschieben.',
    loading: 'Modell wird geladen …',
    ready: 'Ziehen zum Drehen, Scrollen zum Zoomen, rechts ziehen zum Verschieben.',
    decimated: '{{shown}} von {{total}} Punkten angezeigt (ausgedünnt, damit die Ansicht flüssig bleibt).',
    failed: 'Das Modell konnte nicht angezeigt werden: {{message}}',
    noWebgl:
      'Dieser Computer kann hier keine 3D-Grafik anzeigen (WebGL ist nicht verfügbar). Öffnen Sie den Ergebnisordner stattdessen in einem 3D-Programm wie MeshLab oder Blender.',
    pointSize: 'Punktgröße',
    fit: 'Ganzes Modell zeigen',
    screenshot: 'Bildschirmfoto speichern (PNG)',
    close: 'Schließen',
  },
  projects: {
    title: 'Projekte',
    empty: 'Noch keine Projekte.',
    name: 'Name',
    date: 'Datum',
    photos: 'Fotos',
    size: 'Größe',
    status: 'Status',
    backend: 'Verarbeitet von',
    filter: 'Projekte zeigen von',
    actions: 'Aktionen',
    copyLink: 'Link kopieren',
    copied: 'Link kopiert',
    openLink: 'Link öffnen',
    download: 'Herunterladen',
    openFolder: 'Ordner öffnen',
    savedIn: 'Gespeichert in {{path}}',
    reset: 'Zurücksetzen',
    refresh: 'Aktualisieren',
    resetDone: 'Projekt zurückgesetzt.',
    more: 'Weitere Aktionen für {{name}}',
  },
  settings: {
    title: 'Einstellungen',
    endpoint: 'Cloud-Adresse',
    concurrency: 'Parallele Uploads',
    partSize: 'Teilgröße (MB, leer = automatisch)',
    bandwidth: 'Upload-Grenze (MB/s, 0 = keine)',
    downloadDir: 'Download-Ordner',
    autoDownload: 'Modell herunterladen, sobald es fertig ist',
    colmap: 'COLMAP-Pfad (leer = mitgeliefert oder aus PATH)',
    language: 'Sprache',
    lang_system: 'System',
    lang_en: 'English',
    lang_de: 'Deutsch',
    theme: 'Darstellung',
    theme_system: 'Wie das System',
    theme_light: 'Hell',
    theme_dark: 'Dunkel',
    save: 'Speichern',
    saved: 'Einstellungen gespeichert.',
  },
  log: {
    title: 'Protokoll',
    empty: 'Noch nichts protokolliert.',
    refresh: 'Aktualisieren',
    diagnostics: 'Diagnose speichern',
    copy: 'Kopieren',
    copied_one: '{{count}} Zeile kopiert.',
    copied_other: '{{count}} Zeilen kopiert.',
    level: 'Anzeigen ab',
    level_debug: 'Debug',
    level_info: 'Info',
    level_warn: 'Warnung',
    level_error: 'Fehler',
    filter: 'Filter',
    count: '{{count}} von {{total}}',
    diagnosticsSaved: 'Diagnose gespeichert unter {{path}} (ohne Tokens).',
  },
  error: {
    dismiss: 'Schließen',
    retry: 'Erneut versuchen',
  },
  units: { unknown: '–' },
  backend: {
    cloud: 'OpenScan Cloud',
    local: 'Dieser Computer (COLMAP)',
    node: 'NodeODM: {{name}}',
    all: 'Alle Dienste',
  },
  sendTo: {
    label: 'Diesen Satz senden an',
    send: 'Senden',
    sent: 'An {{target}} gesendet.',
  },
  alternatives: {
    offline: 'Die OpenScan Cloud ist gerade nicht erreichbar.',
    credit: 'Ihr Guthaben reicht für diesen Satz nicht.',
    queue: 'Die Warteschlange der Cloud ist lang (etwa {{time}}).',
    offer:
      'Sie können stattdessen auf diesem Computer rekonstruieren oder den Satz an einen anderen Dienst senden:',
  },
  profiles: {
    title: 'Rechenknoten (NodeODM / ClusterODM)',
    help: 'Sätze lassen sich an jeden NodeODM-Knoten oder ClusterODM-Cluster senden, z. B. den Server Ihres Labors.',
    none: 'Noch keine Knoten eingetragen.',
    name: 'Name',
    url: 'Adresse',
    add: 'Knoten hinzufügen',
    remove: '{{name}} entfernen',
    taken: 'Ein Profil mit diesem Namen gibt es schon.',
    token: 'Token (falls der Knoten eines verlangt)',
    tokenHelp:
      'Das Token eines Knotens wird wie Ihr Cloud-Token außerhalb der Einstellungen aufbewahrt und nur an diesen Knoten gesendet.',
    tokenSaved: 'Token gespeichert',
    tokenNone: 'kein Token',
    forgetToken: 'Token von {{name}} vergessen',
    tokenFailed:
      'Das Token konnte nicht gespeichert werden. Prüfen Sie die Adresse und versuchen Sie es erneut.',
  },
  // hostile (issue 13): ein Schlüssel je Fehlercode, aus main/core/error-table.ts.
  errors: {
    unauthorized: 'Der Server hat unsere Zugangsdaten abgelehnt.',
    invalidToken: 'Dieses Token kennt die OpenScan Cloud nicht.',
    limitExceeded: 'Der Satz überschreitet eine Grenze dieses Backends.',
    insufficientCredit: 'Das Guthaben reicht für diesen Satz nicht.',
    network: 'Der Server ist nicht erreichbar. Der Auftrag wartet und kann fortgesetzt werden.',
    timeout: 'Der Server hat nicht rechtzeitig geantwortet. Der Auftrag wartet und kann fortgesetzt werden.',
    server:
      'Der Server ist wiederholt ausgefallen. Der Auftrag wartet auf die Cloud und kann fortgesetzt werden.',
    linkExpired: 'Die Upload-Links sind abgelaufen.',
    hashMismatch: 'Ein Teil kam beschädigt an; er wird erneut gesendet.',
    invalidInput: 'Eine Auswahl oder Eingabe stimmt nicht.',
    sourceChanged: 'Ein Foto hat sich seit Beginn des Auftrags geändert.',
    disk: 'Die Festplatte ist voll oder der Ordner nicht beschreibbar.',
    projectExists: 'Ein Projekt mit diesem Namen gibt es schon.',
    projectNotFound:
      'Die Cloud kennt dieses Projekt nicht mehr. Erneut versuchen lädt es als neues Projekt hoch.',
    badResponse: 'Der Server hat eine unbrauchbare Antwort geschickt.',
    badRequest: 'Der Server hat die Anfrage abgelehnt.',
    notFound: 'Das Gesuchte ist nicht (mehr) da.',
    unsafeArchive: 'Das Ergebnisarchiv ist unsicher und wurde nicht entpackt.',
    processingFailed: 'Die Verarbeitung auf dem Server ist fehlgeschlagen.',
    busy: 'Ein anderes ScanBridge (App, CLI oder Ordnerüberwachung) nutzt denselben Datenordner. Versuchen Sie es erneut, wenn es fertig ist.',
    tool: 'Ein lokales Werkzeug ist fehlgeschlagen.',
    cancelled: 'Abgebrochen.',
    desktopOnly: 'Das geht nur in der ScanBridge-Desktop-App.',
    internal: 'In ScanBridge ist etwas schiefgegangen.',
  },
  // ── ui (issue 14): the result, cloud statuses, review warnings ──
  warning: {
    duplicate_one:
      '{{count}} Foto ist wahrscheinlich dasselbe Bild wie ein anderes: {{paths}}. Entfernen Sie die Kopie.',
    duplicate_other:
      '{{count}} Fotos sind wahrscheinlich dasselbe Bild: {{paths}}. Doppelte Fotos verbessern das Modell nicht; entfernen Sie die Kopien.',
    truncated_one:
      '{{count}} Foto scheint abgeschnitten (ohne Bildende-Markierung): {{paths}}. Kopieren Sie es erneut von Kamera oder Karte.',
    truncated_other:
      '{{count}} Fotos scheinen abgeschnitten (ohne Bildende-Markierung): {{paths}}. Kopieren Sie sie erneut von Kamera oder Karte.',
    'zero-bytes_one':
      '{{count}} Datei ist leer (0 Byte) und wird ausgelassen: {{paths}}. Ein abgebrochener Kopiervorgang?',
    'zero-bytes_other':
      '{{count}} Dateien sind leer (0 Byte) und werden ausgelassen: {{paths}}. Ein abgebrochener Kopiervorgang?',
    'extension-mismatch_one':
      '{{count}} Foto hat eine Endung, die nicht zum Inhalt passt („{{example}}“ ist ein {{format}}): {{paths}}. Es wird als das verwendet, was es wirklich ist.',
    'extension-mismatch_other':
      '{{count}} Fotos haben Endungen, die nicht zum Inhalt passen (z. B. ist „{{example}}“ ein {{format}}): {{paths}}. Sie werden als das verwendet, was sie wirklich sind.',
    'mixed-resolution':
      'Die Fotos haben {{count}} verschiedene Auflösungen: {{groups}}. Verkleinerte oder beschnittene Fotos passen meist schlecht zusammen; verwenden Sie die Originale einer Kameraeinstellung.',
    'mixed-camera':
      'Die Fotos stammen von {{count}} verschiedenen Kameras: {{groups}}. Das kann gehen, aber eine Kamera mit festen Einstellungen ergibt die besten Modelle.',
    'few-photos_one':
      'Nur {{count}} Foto: Für Photogrammetrie braucht es meist mindestens {{minimum}} überlappende Fotos des Objekts.',
    'few-photos_other':
      'Nur {{count}} Fotos: Für Photogrammetrie braucht es meist mindestens {{minimum}} überlappende Fotos des Objekts.',
    other: 'Zu diesem Satz gibt es eine Warnung (Einzelheiten im Protokoll).',
    more: '{{list}} und {{count}} weitere',
  },
  result: {
    link: 'Download-Link',
    linkLeft: 'Funktioniert noch etwa {{time}} (von der Cloud gemeldet am {{date}}).',
    linkExpired: 'Abgelaufen am {{date}}. Fordern Sie bei der Cloud einen neuen Link an.',
    linkAgeUnknown: 'Es ist nicht bekannt, wie lange dieser Link noch funktioniert.',
    renew: 'Neuen Link holen',
    renewed: 'Die Cloud hat einen neuen Download-Link ausgegeben.',
    folder: 'Auf diesem Computer',
  },
  estimate: {
    upload: 'Upload: noch ~{{time}}',
    queue: 'Cloud-Warteschlange: ~{{time}}',
    processing: 'Verarbeitung: ~{{time}}',
    processingUnknown: 'Verarbeitung: noch unbekannt (keine früheren Aufträge auf diesem Dienst)',
  },
  step: {
    serverQueued: 'Wartet in der Warteschlange des Servers',
    serverProcessing: 'Der Server erstellt das Modell',
    upload: 'Die Fotos werden gesendet',
    download: 'Das Modell wird heruntergeladen',
    retryWait: 'Warten auf den nächsten Versuch',
    local_photos: 'Die Fotos werden vorbereitet',
    local_prepare: 'Der Arbeitsordner wird vorbereitet',
    local_extract: 'Merkmale in den Fotos werden gesucht',
    local_match: 'Die Fotos werden abgeglichen',
    local_map: 'Das dünne Modell wird aufgebaut',
    local_export: 'Das Modell wird exportiert',
    local_mesh: 'Das Netz wird erstellt',
  },
  cloudStatus: {
    created: 'Die Cloud kennt das Projekt, hat aber noch keine Fotos.',
    queued: 'Der Satz wartet in der Warteschlange der Cloud.',
    processing: 'Die Cloud verarbeitet den Satz.',
    waitingForLink: 'Die Cloud ist fertig; der Download-Link ist noch nicht bereit.',
    done: 'Das Modell kann heruntergeladen werden.',
    failed: 'Die Cloud konnte den Satz nicht verarbeiten.',
    gone: 'Die Cloud hat dieses Projekt nicht mehr (abgelaufen oder entfernt).',
    unknown: 'Die Cloud meldet einen Status, den ScanBridge nicht kennt.',
  },
  desktop: {
    notify: {
      doneTitle: 'Modell fertig',
      doneBody: '„{{name}}“ ist fertig. Klicken Sie, um das Ergebnis zu öffnen.',
      failedTitle: 'Auftrag fehlgeschlagen',
      failedBody: '„{{name}}“ ist fehlgeschlagen: {{reason}}',
    },
    quit: {
      title: 'ScanBridge beenden',
      message_one: '{{count}} Auftrag läuft noch. Trotzdem beenden?',
      message_other: '{{count}} Aufträge laufen noch. Trotzdem beenden?',
      detail:
        'Beim Beenden werden sie sicher angehalten; sie laufen weiter, wenn Sie ScanBridge wieder öffnen.',
      quit: 'Beenden',
      keep: 'Weiterlaufen lassen',
    },
    menu: {
      file: '&Datei',
      openFolder: 'Ordner öffnen…',
      openZip: 'Zip öffnen…',
      openPhotos: 'Fotos öffnen…',
      close: 'Fenster schließen',
      quit: 'Beenden',
      edit: '&Bearbeiten',
      undo: 'Rückgängig',
      redo: 'Wiederholen',
      cut: 'Ausschneiden',
      copy: 'Kopieren',
      paste: 'Einfügen',
      selectAll: 'Alles auswählen',
      view: '&Ansicht',
      reload: 'Neu laden',
      devTools: 'Entwicklerwerkzeuge',
      resetZoom: 'Originalgröße',
      zoomIn: 'Vergrößern',
      zoomOut: 'Verkleinern',
      fullscreen: 'Vollbild',
      help: '&Hilfe',
      docs: 'ScanBridge auf GitHub',
      colmapDocs: 'COLMAP-Dokumentation',
      odmDocs: 'OpenDroneMap-Dokumentation',
      checkUpdates: 'Nach Updates suchen…',
      about: 'Über ScanBridge',
      hide: 'ScanBridge ausblenden',
      hideOthers: 'Andere ausblenden',
      unhide: 'Alle einblenden',
    },
    about: {
      title: 'Über ScanBridge',
      colmap:
        'Die lokale Rekonstruktion verwendet COLMAP (https://colmap.github.io/), © ETH Zürich und UNC Chapel Hill, unter der neuen BSD-Lizenz. Der Lizenztext liegt in resources/colmap bei.',
    },
    update: {
      readyTitle: 'ScanBridge-Update bereit',
      readyBody: 'Version {{version}} wird beim Beenden installiert. Starten Sie neu, wann es Ihnen passt.',
      downloading: 'Version {{version}} wird heruntergeladen.',
      downloadingDetail: 'Sie erfahren es, wenn sie bereit ist; sie wird beim Beenden installiert.',
      upToDate: 'ScanBridge ist auf dem neuesten Stand.',
      upToDateDetail: 'Sie haben Version {{version}}.',
    },
    startFailed: 'ScanBridge konnte nicht starten',
    open: {
      folder: 'Ordner mit Fotos wählen',
      zip: 'Zip mit Fotos wählen',
      photos: 'Fotos wählen',
      zipFilter: 'Zip-Archive',
      photosFilter: 'Fotos',
      allFiles: 'Alle Dateien',
    },
  },
  // ── check (issue 16): the pre-flight check ──
  check: {
    title: 'Satz prüfen',
    intro:
      'Ein schneller Blick voraus mit COLMAP auf kleinen Kopien der Fotos: Er findet, was das Modell verderben würde, bevor Sie Guthaben ausgeben.',
    auto: 'Vor dem Hochladen prüfen',
    run: 'Satz prüfen',
    again: 'Erneut prüfen',
    skip: 'Prüfung überspringen',
    cancel: 'Prüfung abbrechen',
    cancelled: 'Die Prüfung wurde abgebrochen.',
    failed: 'Die Prüfung konnte nicht abgeschlossen werden.',
    running: 'Prüfe… {{percent}} %',
    phase: {
      prepare: 'Kleine Kopien werden erstellt',
      features: 'Merkmale werden gesucht',
      matching: 'Fotos werden verglichen',
      mapping: 'Kamerapositionen werden bestimmt',
      judging: 'Ergebnisse werden bewertet',
    },
    verdictTitle: 'Ergebnis der Prüfung',
    verdict: {
      good: 'Gut: Nichts in diesem Satz steht einem Modell im Weg.',
      risky: 'Riskant: Das Modell könnte Löcher haben oder Teile auslassen.',
      'will-fail': 'Wird wahrscheinlich scheitern: Bitte verbessern Sie den Satz vor dem Hochladen.',
    },
    summary: '{{photos}} Fotos in {{seconds}} s geprüft; {{flagged}} markiert.',
    noColmap: 'COLMAP ist nicht verfügbar, daher wurden nur Schärfe, Belichtung und Duplikate geprüft.',
    reason: {
      blur: 'Unscharf: Schärfe {{percent}} % des im Satz Üblichen',
      exposure: 'Schlecht belichtet: {{highlights}} % ausgefressen, {{shadows}} % schwarz',
      duplicate: 'Dasselbe Bild wie {{of}}',
      disconnected: 'Passt zu keinem Foto der Hauptgruppe (gehört zu Gruppe {{group}})',
      'few-overlaps': 'Überlappt zu wenig mit den Nachbarfotos',
      gap: 'Neben einem fehlenden Bogen von {{degrees}}°',
      unreadable: 'Kann nicht gelesen werden',
    },
    setReason: {
      'flagged-photos_one': '{{count}} von {{total}} Fotos ist markiert.',
      'flagged-photos': '{{count}} von {{total}} Fotos sind markiert.',
      groups:
        'Die Fotos zerfallen in {{groups}} Gruppen, die nicht zueinander passen; die größte hat {{main}} von {{total}}.',
      gap: 'Kein Foto deckt einen Bogen von {{degrees}}° zwischen {{after}} und {{before}} ab.',
      'few-photos': 'Nur {{count}} Fotos: Ein Modell braucht meist mindestens {{min}}.',
      unplaced: 'Nur {{placed}} von {{total}} Fotos ließen sich zueinander anordnen.',
      'no-model': 'Keine zwei Fotos ließen sich zueinander anordnen.',
      'too-few-readable': 'Nur {{readable}} von {{total}} Fotos sind lesbar.',
    },
    suggestion: {
      'remove-photos': {
        blur_one: 'Entfernen Sie das unscharfe Foto oder nehmen Sie es neu auf.',
        blur: 'Entfernen Sie die {{count}} unscharfen Fotos oder nehmen Sie sie neu auf.',
        exposure_one: 'Entfernen Sie das schlecht belichtete Foto oder nehmen Sie es neu auf.',
        exposure: 'Entfernen Sie die {{count}} schlecht belichteten Fotos oder nehmen Sie sie neu auf.',
        duplicate_one: 'Entfernen Sie das Duplikat.',
        duplicate: 'Entfernen Sie die {{count}} Duplikate.',
        disconnected_one:
          'Entfernen Sie das Foto, das nicht zur Hauptgruppe gehört (ein anderes Objekt oder eine andere Aufnahme?).',
        disconnected:
          'Entfernen Sie die {{count}} Fotos, die nicht zur Hauptgruppe gehören (ein anderes Objekt oder eine andere Aufnahme?).',
        'few-overlaps':
          'Entfernen Sie die {{count}} kaum überlappenden Fotos oder nehmen Sie sie mit mehr Überlappung neu auf.',
        'few-overlaps_one':
          'Entfernen Sie das kaum überlappende Foto oder nehmen Sie es mit mehr Überlappung neu auf.',
        unreadable_one: 'Entfernen Sie das unlesbare Foto.',
        unreadable: 'Entfernen Sie die {{count}} unlesbaren Fotos.',
      },
      'reshoot-arc':
        'Nehmen Sie weitere Fotos zwischen {{after}} und {{before}} auf (es fehlen {{degrees}}°).',
      'add-photos': 'Fügen Sie Fotos hinzu: mindestens {{min}}, überlappend, rund um das Objekt.',
      'reshoot-set': 'Nehmen Sie den Satz mit mehr Überlappung zwischen benachbarten Fotos neu auf.',
    },
    drop: 'Weglassen',
    dropTitle: 'Dieses Foto nicht hochladen',
    dropFlagged_one: 'Das markierte Foto weglassen',
    dropFlagged: 'Die {{count}} markierten Fotos weglassen',
    dropped_one: '{{count}} Foto weggelassen',
    dropped: '{{count}} Fotos weggelassen',
    undrop: 'Wieder aufnehmen',
    flaggedBadge: 'Von der Prüfung markiert',
  },
  // ── uia (issue 14): Öffnen mit / im Ordner zeigen, Serveradresse im Token-Dialog, Textalternative der Vorschau ──
  openWith: {
    label: 'Öffnen mit…',
    menuLabel: '{{name}} öffnen mit…',
    default: 'Standardprogramm',
    opened: 'In {{app}} geöffnet.',
    reveal: 'Im Ordner zeigen',
  },
  server: {
    advanced: 'Erweitert: Serveradresse',
    label: 'Serveradresse',
    help: 'Die Adresse der OpenScan Cloud. Ändern Sie sie nur, wenn Sie einen eigenen Server betreiben oder dazu aufgefordert wurden.',
    unreachable:
      'Die Cloud unter {{address}} ist gerade nicht erreichbar. Wenn Sie einen anderen Server nutzen, geben Sie seine Adresse unten ein.',
    save: 'Adresse speichern',
    saved: 'Serveradresse gespeichert.',
    invalid:
      'Geben Sie eine Adresse ein, die mit http:// oder https:// beginnt, ohne Benutzername oder Passwort.',
  },
  previewInfo: {
    title: 'Über dieses Modell',
    file: 'Datei: {{name}}, {{size}}',
    points_one: '{{count, number}} Punkt',
    points_other: '{{count, number}} Punkte',
    pointsShown: '{{count, number}} Punkte insgesamt, {{shown}} angezeigt',
    cameras_one: '{{count, number}} Kameraposition',
    cameras_other: '{{count, number}} Kamerapositionen',
    vertices_one: '{{count, number}} Eckpunkt',
    vertices_other: '{{count, number}} Eckpunkte',
    faces_one: '{{count, number}} Fläche',
    faces_other: '{{count, number}} Flächen',
  },
  retry: {
    confirmCredit:
      'Wiederholen lädt die Fotos von {{name}} erneut als neues Projekt hoch. Das kostet {{credit}} Guthaben.',
    confirmCreditLeft:
      'Wiederholen lädt die Fotos von {{name}} erneut als neues Projekt hoch. Das kostet {{credit}} Guthaben; Ihr Token hat noch {{left}}.',
  },
  downloadCap: {
    label: 'Download-Grenze (GB): ein größeres Ergebnis wird abgebrochen',
  },
  // ── skipped files: why a file is not uploaded (main/core/photos/skip-reason.ts codes) ──
  // ── states (issue 14): what a job's states say where no other block has the words ──
  states: {
    preparing: 'Wird vorbereitet',
    linkGone:
      'Die Cloud hat dieses Projekt nicht mehr, daher gibt es keinen neuen Link dafür. Laden Sie die Fotos erneut hoch, um einen zu erhalten.',
    linkGoneKept:
      'Die Cloud hat dieses Projekt nicht mehr, daher gibt es keinen neuen Link dafür. Das heruntergeladene Modell liegt weiterhin auf diesem Computer (unten).',
  },
  skippedFile: {
    empty: 'leere Datei (0 Byte)',
    'not-regular': 'keine normale Datei',
    fifo: 'eine Pipe, kein Foto',
    socket: 'ein Socket, kein Foto',
    device: 'ein Gerät, kein Foto',
    'no-permission': 'nicht lesbar: keine Berechtigung',
    gone: 'nicht lesbar: existiert nicht mehr (oder ist ein Verweis ins Leere)',
    'link-loop': 'nicht lesbar: Verweisschleife',
    'io-error': 'nicht lesbar: Ein-/Ausgabefehler (Datenträger oder Karte defekt?)',
    'is-folder': 'ist ein Ordner',
    'too-many-open': 'nicht lesbar: zu viele offene Dateien',
    unreadable: 'nicht lesbar (Fehler {{errno}})',
    'broken-link': 'defekter Verweis',
    'link-outside': 'Verweis auf etwas außerhalb des gewählten Ordners (nicht gefolgt)',
    'folder-seen': 'Ordner schon gelesen (Verweisschleife oder zweiter Verweis darauf)',
    'macos-resource-folder': 'macOS-Ressourcenordner (__MACOSX)',
    'macos-resource-fork': 'macOS-Ressourcendatei',
    'ds-store': 'macOS-Ordnereinstellungen (.DS_Store)',
    'hidden-file': 'versteckte Datei',
    'hidden-folder': 'versteckter Ordner',
    'system-file': 'Systemdatei',
    'system-folder': 'Systemordner',
    'ignored-folder-in-zip_one': 'versteckter oder Systemordner: {{count}} Datei ausgelassen',
    'ignored-folder-in-zip_other': 'versteckter oder Systemordner: {{count}} Dateien ausgelassen',
    'zip-twice': 'dasselbe Zip zweimal gewählt (schon enthalten)',
    'same-file': 'dieselbe Datei wie „{{first}}“ (schon enthalten)',
    'not-file-folder-zip': 'weder Datei noch Ordner noch Zip',
    'zip-entry-unreadable': 'dieser Eintrag im Zip ist nicht lesbar',
    'zip-encrypted': 'verschlüsselter (passwortgeschützter) Eintrag: bitte zuerst entpacken',
    'zip-method': 'Zip-Kompressionsverfahren {{method}} wird nicht unterstützt: bitte zuerst entpacken',
    'zip-in-zip': 'Zip in einem Zip (nicht geöffnet): entpacken und einzeln hinzufügen',
    'zip-in-folder':
      'Zip-Datei in einem Ordner (nicht geöffnet): einzeln hinzufügen, um ihre Fotos aufzunehmen',
    'unsafe-nul': 'unsicherer Pfad (enthält ein NUL-Zeichen)',
    'unsafe-absolute': 'unsicherer Pfad (absolut)',
    'unsafe-drive': 'unsicherer Pfad (Laufwerksbuchstabe)',
    'unsafe-dotdot': 'unsicherer Pfad (verlässt den Ordner mit „..“)',
    'format-rejected': '{{format}}: Die Cloud nimmt nur JPEG und PNG an; bitte zuerst umwandeln',
    'content-empty': 'kein Bild (leer)',
    'content-video': 'kein Bild (ein Video)',
    'content-pdf': 'kein Bild (ein PDF-Dokument)',
    'content-archive': 'kein Bild (ein Archiv)',
    'content-text': 'kein Bild (Text)',
    'content-binary': 'kein Bild (unbekannter Inhalt)',
    other: 'nicht hochgeladen',
  },
  // ── the job log's lines by code (main/contract/log-lines.ts), in their own file ──
  logLine: logLineDe,
  logWords: logWordsDe,
  // ── words (issue 14): an error's specifics, by code and detail (main/contract/error-details.ts) ──
  errorTitle: {
    invalidToken: { none: 'Es ist kein Token für die OpenScan Cloud eingerichtet.' },
  },
  errorDetail: {
    network: {
      refused:
        'Unter {{server}} nimmt niemand Verbindungen an. Prüfen Sie Serveradresse und Port; der Server ist vielleicht aus.',
      dns: 'Der Name „{{server}}“ wurde nicht gefunden. Prüfen Sie die Serveradresse auf Tippfehler und ob dieser Computer online ist.',
      unreachable:
        '{{server}} ist aus diesem Netz nicht erreichbar. Prüfen Sie, ob dieser Computer online ist (WLAN, Kabel, VPN).',
      cut: 'Die Verbindung zu {{server}} brach vor der Antwort ab. Ein neuer Versuch klappt meist.',
      tls: 'Die sichere Verbindung zu {{server}} ist fehlgeschlagen. Prüfen Sie die Adresse (http oder https); ein Proxy oder Virenscanner könnte stören.',
      other:
        'Netzwerkfehler bei der Verbindung zu {{server}}. Prüfen Sie, ob dieser Computer online und die Serveradresse richtig ist.',
    },
    timeout: {
      connect:
        'Keine Verbindung zu {{server}} innerhalb von {{seconds, number}} s. Prüfen Sie Adresse, Netzwerk und eventuelle Firewall oder Proxy.',
      reply:
        '{{server}} hat die Verbindung angenommen, aber {{seconds, number}} s lang nicht geantwortet. Versuchen Sie es in einigen Minuten erneut.',
      stalled:
        '{{server}} sendet seine Antwort nicht weiter. Die Verbindung ist sehr langsam oder ein Proxy hält sie auf.',
    },
    invalidInput: {
      noPaths:
        'Es wurden keine Dateien oder Ordner gewählt. Wählen Sie einen Ordner mit Fotos, eine ZIP-Datei oder einzelne Fotos.',
      missing: '„{{path}}“ gibt es nicht. Prüfen Sie den Pfad oder wählen Sie den Ordner erneut.',
      notFullPath:
        '„{{path}}“ ist kein vollständiger Pfad. Beginnen Sie ihn mit / (oder ~ für Ihren persönlichen Ordner).',
      notFolder: '„{{path}}“ ist eine Datei, kein Ordner.',
      forbidden: 'Sie dürfen „{{path}}“ nicht öffnen. Wählen Sie einen Ordner, den Sie lesen können.',
      empty:
        'In „{{path}}“ wurden keine Fotos gefunden: Es ist leer. Wählen Sie den Ordner oder die ZIP-Datei mit den JPEG- oder PNG-Fotos.',
      noPhotos_one:
        'In „{{path}}“ wurden keine Fotos gefunden. {{count, number}} Datei geprüft: {{reasons, reasons}} (z. B. {{examples}}). Die Cloud nimmt JPEG- und PNG-Fotos an.',
      noPhotos_other:
        'In „{{path}}“ wurden keine Fotos gefunden. {{count, number}} Dateien geprüft: {{reasons, reasons}} (z. B. {{examples}}). Die Cloud nimmt JPEG- und PNG-Fotos an.',
      noPhotosIn_one:
        'In den {{items, number}} gewählten Einträgen wurden keine Fotos gefunden. {{count, number}} Datei geprüft: {{reasons, reasons}} (z. B. {{examples}}). Die Cloud nimmt JPEG- und PNG-Fotos an.',
      noPhotosIn_other:
        'In den {{items, number}} gewählten Einträgen wurden keine Fotos gefunden. {{count, number}} Dateien geprüft: {{reasons, reasons}} (z. B. {{examples}}). Die Cloud nimmt JPEG- und PNG-Fotos an.',
      noPublicToken:
        'Für diesen Server ist kein öffentliches Token eingerichtet. Fordern Sie stattdessen ein privates Token an; es kommt per E-Mail.',
      partSize: 'Die Teilgröße muss zwischen {{min, bytes}} und {{max, bytes}} liegen.',
      zipName: 'Der Name „{{file}}“ ist leer oder zu lang für ein ZIP. Benennen Sie das Foto um.',
      sameName: 'Zwei Fotos hießen im ZIP beide „{{file}}“. Benennen Sie eines um.',
      noPhotosAt:
        'In „{{path}}“ wurden keine Fotos gefunden. Geben Sie einen Ordner mit JPEG- oder PNG-Fotos oder die Fotodateien an.',
      cannotOpen:
        '„{{path}}“ lässt sich nicht öffnen. Prüfen Sie, ob es vorhanden ist und Sie es lesen dürfen.',
      badZip:
        '„{{file}}“ ist keine lesbare ZIP-Datei. Erstellen Sie sie neu oder laden Sie sie erneut herunter, oder wählen Sie den entpackten Ordner.',
      profileExists: 'Ein Backend-Profil namens „{{name}}“ gibt es bereits. Wählen Sie einen anderen Namen.',
      profileUnknown: 'Es gibt kein Backend-Profil namens „{{name}}“.',
      profileField:
        '„{{field}}“ im Backend-Profil ist ungültig. Geben Sie einen Namen, eine http(s)-Adresse und Optionen als Name → Wert an.',
      profileNameAddress:
        'Ein Profilname darf keine Adresse sein. Wählen Sie einen Namen wie „Labor-Knoten“.',
      tokenChars:
        'Das Token enthält Zeichen, die ein Token nicht haben kann. Kopieren Sie es erneut aus Ihrer E-Mail, ohne Anführungszeichen oder Formatierung.',
      cloudName:
        'Der Projektname darf höchstens {{limit, number}} Zeichen lang sein, ohne Schrägstriche oder Steuerzeichen.',
      notFolderWatch: '„{{path}}“ ist kein Ordner. Wählen Sie den Ordner, in den Ihr Scanner schreibt.',
      nameEmpty: 'Der Projektname ist leer. Behalten Sie den vorgeschlagenen Namen oder geben Sie einen ein.',
      nameTooLong: 'Der Projektname ist zu lang: höchstens {{limit, number}} Zeichen.',
      nameChars:
        'Der Projektname darf {{chars}} nicht enthalten. Verwenden Sie Buchstaben, Ziffern, - und _.',
      nameStart: 'Der Projektname muss mit einem Buchstaben oder einer Ziffer beginnen.',
      tokenEmpty: 'Das Token ist leer. Fügen Sie das Token aus Ihrer E-Mail ein.',
      tokenSpaces: 'Das Token enthält Leerzeichen. Fügen Sie nur das Token ein.',
      tokenTooLong:
        'Das ist zu lang für ein Token (höchstens {{limit, number}} Zeichen). Fügen Sie nur das Token ein.',
      address: '„{{address}}“ ist keine Serveradresse. Verwenden Sie eine Form wie http://host:1334.',
      addressParts:
        'Die Serveradresse darf keinen Benutzernamen, kein Passwort, keine Abfrage und kein Fragment enthalten.',
      mail: '„{{mail}}“ ist keine E-Mail-Adresse.',
      fullName: 'Für ein Token werden Vor- und Nachname gebraucht.',
      noJob: 'Den Auftrag „{{id}}“ gibt es nicht (vielleicht wurde er entfernt). Laden Sie die Liste neu.',
      setting:
        'Die Einstellung „{{setting}}“ hat einen unbrauchbaren Wert. Wählen Sie sie in den Einstellungen erneut.',
      nothingToCheck: 'Es gibt keine Fotos zu prüfen. Wählen Sie zuerst einen Satz.',
      nothingToSend: 'Alle Fotos wurden ausgelassen: Es gibt nichts zu senden.',
      notInReview: 'Dieser Satz ist nicht mehr in der Durchsicht. Lesen Sie den Satz erneut ein.',
      notDownloaded: 'Das Modell wurde noch nicht heruntergeladen.',
      noModel: 'Dieses Ergebnis hat keine 3D-Modelldatei zum Öffnen.',
      fileName: 'Dieser Dateiname ist ungültig.',
      outsideResult: '„{{file}}“ liegt außerhalb des Ergebnisordners; es wird nicht gezeigt.',
      resultGone: 'Der Ergebnisordner ist nicht mehr da. Laden Sie das Ergebnis erneut herunter.',
      cloudOnly: 'Das geht nur bei Cloud-Projekten.',
      notNode: 'Der Auftrag „{{id}}“ läuft nicht auf einem NodeODM-Knoten.',
      tooFewPhotos:
        'Eine Rekonstruktion braucht mindestens 3 lesbare Fotos; {{count, number}} von {{total, number}} ließen sich lesen. Fügen Sie mehr überlappende Fotos hinzu (30 oder mehr sind am besten).',
      noTask: 'Der Auftrag „{{id}}“ hat noch keine Aufgabe auf einem Knoten. Setzen Sie ihn zuerst fort.',
    },
    notFound: {
      job: 'Den Auftrag „{{id}}“ gibt es nicht (vielleicht wurde er entfernt). Laden Sie die Liste neu.',
      resultFile: '„{{file}}“ liegt nicht im Ergebnisordner dieses Auftrags.',
      noResult: '„{{name}}“ hat noch kein Ergebnis zum Herunterladen.',
      noLink:
        'Die Cloud hat für dieses Projekt noch keinen Download-Link. Aktualisieren Sie später noch einmal.',
      nodeTask:
        'Der Knoten kennt die Aufgabe {{task}} nicht mehr. Wiederholen Sie den Auftrag, um die Fotos erneut zu senden.',
      download:
        '{{server}} hat hier nichts zum Herunterladen (HTTP {{status}}). Das Ergebnis ist vielleicht abgelaufen.',
    },
    disk: {
      full: 'Der Datenträger von „{{folder}}“ ist voll. Schaffen Sie Platz oder wählen Sie einen anderen Ordner, dann versuchen Sie es erneut.',
      fullNeeds:
        'Der Datenträger von „{{folder}}“ ist voll: {{needed, bytes}} werden gebraucht, {{free, bytes}} sind frei. Schaffen Sie Platz oder wählen Sie einen anderen Ordner, dann versuchen Sie es erneut.',
      readOnly:
        '„{{folder}}“ liegt auf einem schreibgeschützten Datenträger. Wählen Sie einen anderen Ordner.',
      permission:
        'Sie dürfen nicht in „{{folder}}“ schreiben. Wählen Sie einen anderen Ordner oder ändern Sie seine Rechte.',
      failed:
        'Das Schreiben in „{{folder}}“ ist fehlgeschlagen (Fehler {{errno}}). Prüfen Sie den Datenträger und versuchen Sie es erneut.',
      keyStore:
        'Der Schlüsselspeicher des Systems hat das Token nicht angenommen. Entsperren Sie ihn (oder melden Sie sich erneut an) und versuchen Sie es erneut.',
      read: '„{{file}}“ ließ sich nicht lesen (Fehler {{errno}}). Prüfen Sie Datenträger oder Karte, dann versuchen Sie es erneut.',
    },
    unsafeArchive: {
      absolute:
        'Das Ergebnis-ZIP enthält einen Eintrag mit absolutem Pfad, „{{entry}}“: Er könnte überall auf diesem Computer schreiben.',
      dotdot:
        'Das Ergebnis-ZIP enthält einen Eintrag „{{entry}}“, der mit „..“ aus seinem Ordner herausführt.',
      drive: 'Das Ergebnis-ZIP enthält einen Eintrag mit Laufwerksbuchstaben, „{{entry}}“.',
      badChars: 'Das Ergebnis-ZIP enthält einen Eintrag „{{entry}}“ mit Backslash oder NUL-Zeichen im Namen.',
      deep: 'Das Ergebnis-ZIP enthält einen Eintrag „{{entry}}“ tiefer als {{limit, number}} Ordnerebenen.',
      emptyName: 'Das Ergebnis-ZIP enthält einen Eintrag ohne Namen.',
      symlink:
        'Das Ergebnis-ZIP enthält einen symbolischen Link, „{{entry}}“: Links könnten überallhin auf diesem Computer zeigen.',
      tooManyFiles: 'Das Ergebnis-ZIP enthält mehr als {{limit, number}} Dateien.',
      bomb: '„{{entry}}“ im Ergebnis-ZIP würde sich auf das {{ratio, number}}-Fache ausdehnen (eine ZIP-Bombe?).',
      tooLarge:
        'Das Ergebnis-ZIP würde auf {{size, bytes}} entpacken, mehr als die erlaubten {{limit, bytes}}.',
      tooLargeRatio:
        'Das Ergebnis-ZIP würde auf {{size, bytes}} entpacken, mehr als das {{ratio, number}}-Fache seiner eigenen Größe (eine ZIP-Bombe?).',
      overlap:
        'Die Einträge „{{entry}}“ und „{{other}}“ des Ergebnis-ZIPs teilen sich dieselben Bytes (eine ZIP-Bombe?).',
      outsideData:
        'Die Daten von „{{entry}}“ liegen außerhalb des Ergebnis-ZIPs: Es ist beschädigt oder soll täuschen.',
      outside: 'Das Ergebnis-ZIP enthält einen Eintrag „{{entry}}“, der aus seinem Ordner herauszeigt.',
      larger: '„{{entry}}“ ist größer, als das Ergebnis-ZIP angibt.',
      twice: 'Das Ergebnis-ZIP enthält „{{entry}}“ zweimal.',
      fileAndFolder: 'Das Ergebnis-ZIP enthält eine Datei und einen Ordner mit demselben Namen.',
      unsafeEntry: 'Das Ergebnis-ZIP enthält einen Eintrag mit unsicherem Namen.',
      notZip:
        '„{{file}}“ ist kein lesbares ZIP: Der Download ist vielleicht beschädigt. Laden Sie es erneut herunter.',
    },
    tool: {
      exit: 'COLMAP {{step}} endete mit dem Exit-Code {{exit}}. Sein letzter Fehler: „{{said}}“. Das Auftragsprotokoll enthält die ganze Ausgabe.',
      exitQuiet:
        'COLMAP {{step}} endete mit dem Exit-Code {{exit}}. Das Auftragsprotokoll enthält die ganze Ausgabe.',
      signal: 'COLMAP {{step}} wurde durch das Signal {{signal}} beendet. Sein letzter Fehler: „{{said}}“.',
      signalQuiet:
        'COLMAP {{step}} wurde durch das Signal {{signal}} beendet (Speicher voll?). Das Auftragsprotokoll enthält die ganze Ausgabe.',
      notFound:
        'COLMAP wurde nicht gefunden: Es liegt dieser ScanBridge-Kopie nicht bei und ist nicht im PATH. Installieren Sie COLMAP und tragen Sie den Pfad in den Einstellungen ein, oder verarbeiten Sie in der Cloud.',
      notAt: 'COLMAP wurde unter „{{path}}“ nicht gefunden. Prüfen Sie den COLMAP-Pfad in den Einstellungen.',
      notExecutable:
        '„{{path}}“ lässt sich nicht ausführen. Machen Sie es ausführbar oder wählen Sie in den Einstellungen das COLMAP-Programm selbst.',
      noVersion:
        '„{{path}}“ lief, nannte aber keine COLMAP-Version. Wählen Sie in den Einstellungen COLMAP 3.6 oder neuer.',
      version:
        'COLMAP {{version}} ist eine Version, die ScanBridge nicht kennt. Installieren Sie eine COLMAP-3.x-Version (3.6 oder neuer).',
      cannotStart: '„{{path}}“ ließ sich nicht starten. Prüfen Sie den COLMAP-Pfad in den Einstellungen.',
      noFeatures:
        'COLMAP hat in keinem Foto Merkmale gefunden. Prüfen Sie, ob die Fotos scharf sind und ein strukturiertes Objekt zeigen.',
      noOutput:
        'COLMAP {{step}} hat {{file}} nicht geschrieben. Das Auftragsprotokoll enthält die ganze Ausgabe.',
      emptyMesh: 'Das Netz ist leer geworden. Das dünne Modell ist weiterhin nutzbar.',
      noModel:
        'COLMAP konnte keines der {{count, number}} Fotos zu den anderen in Beziehung setzen, daher gibt es kein Modell. Die Fotos brauchen mehr Überlappung, schärferen Fokus oder mehr Struktur am Objekt.',
      fewPoints:
        'Zu wenige verlässliche 3D-Punkte ({{count, number}}) für ein Netz. Das dünne Modell ist weiterhin nutzbar; mehr überlappende Fotos ergeben mehr Punkte.',
      badModel: 'COLMAP hat ein Modell geschrieben, das sich nicht lesen lässt (abgeschnitten).',
      appStart: '{{app}} ließ sich nicht starten. Prüfen Sie, ob das Programm noch funktioniert.',
      appMissing:
        '{{app}} wurde auf diesem Computer nicht gefunden. Installieren Sie es oder wählen Sie ein anderes Programm.',
      openFile: '„{{file}}“ ließ sich nicht öffnen. Ist ein Programm für diesen Dateityp installiert?',
    },
    badResponse: {
      reply:
        '{{server}} hat auf {{call}} eine Antwort geschickt, mit der ScanBridge nichts anfangen kann. Prüfen Sie die Serveradresse; vielleicht stört ein Proxy.',
      badLink: 'Der Download-Link der Cloud ist keine gültige Webadresse.',
      badAddress: 'Die Download-Adresse ist keine http(s)-Webadresse; es wurde nichts geschrieben.',
      redirectLoop:
        'Der Download-Server {{server}} leitet im Kreis weiter; der Link ist auf der Serverseite kaputt.',
      redirect:
        '{{server}} hat {{call}} weitergeleitet, statt zu antworten. Prüfen Sie die Serveradresse (http oder https?); melden Sie sich in öffentlichen WLANs zuerst im Netz an.',
      webPage:
        '{{server}} hat auf {{call}} mit einer Webseite statt mit API-Daten geantwortet. Vielleicht stört eine WLAN-Anmeldeseite oder ein Proxy, oder die Adresse ist nicht die API.',
      empty:
        '{{server}} hat auf {{call}} eine leere Antwort geschickt. Meist ein Proxy-Schluckauf; versuchen Sie es erneut.',
      notJson:
        '{{server}} hat auf {{call}} keine gültigen Daten geschickt; die Antwort wurde vielleicht abgeschnitten. Versuchen Sie es erneut.',
      noSuchCall:
        '{{server}} bietet {{call}} nicht an. Prüfen Sie, ob die Serveradresse auf die OpenScan-Cloud-API zeigt.',
      tooLarge:
        '{{server}} hat eine unerwartet große Antwort geschickt; das sieht nicht nach der OpenScan-Cloud-API aus. Prüfen Sie die Serveradresse.',
      notNode:
        '{{server}} sieht nicht nach einem NodeODM- oder ClusterODM-Knoten aus. Prüfen Sie Adresse und Port im Backend-Profil (NodeODM lauscht meist auf :3000).',
      overCap:
        'Das Ergebnis ist größer als das Download-Limit von {{limit, bytes}}; nichts davon wurde behalten. Erhöhen Sie das Limit in den Einstellungen, wenn Sie ein so großes Ergebnis erwarten.',
    },
    busy: {
      folder:
        'Ein anderes ScanBridge (App, CLI oder Ordnerüberwachung) nutzt den Datenordner „{{folder}}“. Versuchen Sie es erneut, wenn es fertig ist.',
    },

    unauthorized: { status: 'Der Server {{server}} hat den Zugriff verweigert (HTTP {{status}}).' },
    invalidToken: {
      said: 'Die OpenScan Cloud akzeptiert dieses Token nicht. Meldung: „{{said}}“.',
      node: 'Der Knoten {{server}} hat dieses Token abgelehnt. Prüfen Sie das für diesen Knoten gespeicherte Token.',
      nodeNeedsToken:
        'Der Knoten {{server}} verlangt ein Token, es wurde aber keines gesendet. Tragen Sie es im Profil des Knotens ein.',
      whitespace: 'Das Token enthält ein Leerzeichen oder einen Zeilenumbruch. Fügen Sie nur das Token ein.',
      none: 'Fügen Sie zuerst Ihr Token hinzu (Schaltfläche „Token“ oder: scanbridge token set) oder nutzen Sie das öffentliche Token.',
    },
    projectExists: { name: 'Ein Projekt namens „{{name}}“ gibt es bereits. Wählen Sie einen anderen Namen.' },
    projectNotFound: {
      name: 'Die Cloud kennt das Projekt „{{name}}“ nicht mehr. Wiederholen Sie den Auftrag, um die Fotos als neues Projekt hochzuladen (das verbraucht erneut Guthaben).',
    },
    limitExceeded: {
      photos_one:
        'Der Satz hat {{count, number}} Foto; dieses Token erlaubt {{limit, number}} Fotos pro Projekt. Entfernen Sie einige Fotos oder teilen Sie den Satz auf.',
      photos_other:
        'Der Satz hat {{count, number}} Fotos; dieses Token erlaubt {{limit, number}} Fotos pro Projekt. Entfernen Sie einige Fotos oder teilen Sie den Satz auf.',
      filesize:
        'Der Satz ist {{size, bytes}} groß; dieses Token erlaubt {{limit, bytes}} pro Projekt. Entfernen Sie einige Fotos oder teilen Sie den Satz auf.',
      images_one: 'Der Satz hat {{count, number}} Foto; dieser Knoten nimmt höchstens {{limit, number}}.',
      images_other: 'Der Satz hat {{count, number}} Fotos; dieser Knoten nimmt höchstens {{limit, number}}.',
      preview:
        '„{{file}}“ ist {{size, bytes}} groß; die Vorschau öffnet Dateien bis {{limit, bytes}}. Öffnen Sie die Datei in einem Programm aus dem Ergebnisordner.',
      photosRefused_one: 'Die Cloud hat {{count, number}} Foto als zu viele für dieses Token abgelehnt.',
      photosRefused_other: 'Die Cloud hat {{count, number}} Fotos als zu viele für dieses Token abgelehnt.',
      filesizeRefused: 'Die Cloud hat den Satz mit {{size, bytes}} als zu groß für dieses Token abgelehnt.',
    },
    insufficientCredit: {
      credit:
        'Dieser Satz braucht {{size, bytes}} Guthaben; das Token hat noch {{left, bytes}}. Warten Sie, bis das Guthaben erneuert wird, oder fragen Sie nach einem privaten Token.',
      refused:
        'Die Cloud hat den Satz mit {{size, bytes}} abgelehnt: Das Guthaben dieses Tokens reicht nicht.',
    },
    server: {
      status:
        'Der Server ist ausgefallen (HTTP {{status}}). Das ist meist vorübergehend; der Auftrag kann fortgesetzt werden.',
      busy: 'Der Server ist ausgelastet und hat um eine Pause gebeten. Der Auftrag kann fortgesetzt werden.',
    },
    badRequest: {
      alreadyStarted:
        'Das Projekt „{{name}}“ wurde bereits gestartet. Verfolgen Sie seinen Status, statt es erneut zu starten.',
      startRefused:
        'Die OpenScan Cloud hat den Start des Projekts „{{name}}“ ohne Begründung abgelehnt. Wahrscheinlich fehlt ein Teil oder wurde abgeschnitten: Laden Sie alle Teile erneut hoch und starten Sie dann.',
      tooLargeForNode:
        'Der Knoten {{server}} (oder ein Proxy davor) hat den Upload als zu groß abgelehnt. Verringern Sie im Backend-Profil die Fotos pro Upload-Anfrage.',
      nodeStatus: 'Der Knoten {{server}} hat die Anfrage abgelehnt (HTTP {{status}}).',
      badUploadLink: 'Der Upload-Link für Teil {{part}} ist keine gültige Webadresse.',
      status: 'Der Server hat die Anfrage abgelehnt (HTTP {{status}}).',
      said: 'Der Server hat die Anfrage abgelehnt. Meldung: „{{said}}“.',
      partTooLarge:
        'Der Server hat Teil {{part}} als zu groß abgelehnt ({{size, bytes}}). Wählen Sie eine kleinere Teilgröße.',
    },
    linkExpired: { part: 'Der Upload-Link für Teil {{part}} ist nicht mehr gültig.' },
    hashMismatch: { part: 'Teil {{part}} kam beschädigt an; er wird erneut gesendet.' },
    sourceChanged: {
      file: '„{{file}}“ wurde seit dem Start des Auftrags verändert. Legen Sie die Originaldatei zurück oder starten Sie einen neuen Upload mit den aktuellen Dateien.',
    },
    processingFailed: {
      said: 'Meldung des Servers: „{{said}}“. Prüfen Sie die Fotos (scharf, überlappend, genügend viele) und versuchen Sie es erneut.',
    },
  },
  // ── words (issue 14): why files were left out, counted, inside "no photos found" (errorDetail) ──
  errorReason: {
    notImage_one: '{{count, number}} ist kein Foto',
    notImage_other: '{{count, number}} sind keine Fotos',
    format_one: '{{count, number}} hat ein Format, das die Cloud nicht annimmt',
    format_other: '{{count, number}} haben ein Format, das die Cloud nicht annimmt',
    empty_one: '{{count, number}} ist leer',
    empty_other: '{{count, number}} sind leer',
    unreadable_one: '{{count, number}} ist nicht lesbar',
    unreadable_other: '{{count, number}} sind nicht lesbar',
    hidden_one: '{{count, number}} ist eine versteckte oder Systemdatei',
    hidden_other: '{{count, number}} sind versteckte oder Systemdateien',
    duplicate_one: '{{count, number}} ist doppelt gewählt',
    duplicate_other: '{{count, number}} sind doppelt gewählt',
    outside_one: '{{count, number}} ist ein Link nach außerhalb des Ordners',
    outside_other: '{{count, number}} sind Links nach außerhalb des Ordners',
    zip_one: '{{count, number}} ist ein ZIP, das hier nicht geöffnet wird',
    zip_other: '{{count, number}} sind ZIPs, die hier nicht geöffnet werden',
    unsafe_one: '{{count, number}} hat einen unsicheren Namen',
    unsafe_other: '{{count, number}} haben unsichere Namen',
  },
  // ── words (issue 14): the CLI's lines (main/cli) ──
  cli: {
    token: {
      info: 'Token {{masked}}\nGuthaben: {{credit, bytes}}\nGrenze pro Satz: {{size, bytes}}, {{photos}} Fotos',
      saved: 'Token {{masked}} gespeichert (Guthaben {{credit, bytes}}).',
      savedNoInfo: 'Token {{masked}} gespeichert.',
      cleared: 'Das gespeicherte Token ist entfernt.',
      requested: 'Angefordert. Das Token kommt per E-Mail an {{mail}}; danach: scanbridge token set',
      prompt: 'OpenScan-Token (Eingabe verborgen): ',
    },
    jobs: {
      none: 'Noch keine Aufträge.',
      noneUnfinished: 'Keine offenen Aufträge ({{count}} beendet: scanbridge jobs --all).',
      head: {
        id: 'ID',
        name: 'NAME',
        backend: 'BACKEND',
        state: 'ZUSTAND',
        progress: 'FORTSCHRITT',
        age: 'ALTER',
        result: 'ERGEBNIS',
      },
      uploaded: 'hochgeladen',
      uploadedProcessing: 'hochgeladen, wird berechnet',
      processed: '{{percent}} berechnet',
      downloaded: '{{percent}} heruntergeladen',
      parts: '{{done}}/{{total}} Teile',
    },
    errorPrefix: 'Fehler',
    /** The prefix of a warning line the CLI prints (the job log's, the watcher's). */
    warnPrefix: 'Warnung',
    state: {
      queued: 'wartet',
      scanning: 'Fotos werden geprüft',
      creating: 'Projekt wird angelegt',
      uploading: 'wird hochgeladen',
      paused: 'pausiert',
      starting: 'wird gestartet',
      processing: 'wird berechnet',
      downloading: 'wird heruntergeladen',
      done: 'fertig',
      failed: 'fehlgeschlagen',
      cancelled: 'abgebrochen',
    },
    progress: {
      bytes: '{{done, bytes}} von {{total, bytes}}',
      rate: '{{rate, bytes}}/s',
      eta: 'noch {{time}}',
      partsSent_one: '{{done}} von {{count}} Teil gesendet',
      partsSent_other: '{{done}} von {{count}} Teilen gesendet',
    },
    next: {
      label: 'weiter',
      resume: 'Er hat bei einem vorübergehenden Fehler angehalten; resume setzt ihn dort fort.',
      'retry-new-project':
        'Die Cloud kennt {{project}} nicht mehr; retry lädt die Fotos als neues Projekt erneut hoch (das verbraucht erneut Guthaben).',
      'fix-token': 'Setzen Sie ein gültiges Token und starten Sie den Auftrag dann erneut.',
      'fix-set': 'Entfernen Sie Fotos oder laden Sie Guthaben auf und starten Sie den Auftrag dann erneut.',
      'fix-input':
        'Beheben Sie, was die Meldung nennt (Dateien, Speicherplatz), und starten Sie dann erneut.',
      'retry-later-or-elsewhere':
        'Der Server hat abgelehnt oder ist gescheitert; starten Sie erneut, sobald das behoben ist, oder senden Sie den Satz an ein anderes Backend.',
    },
    retry: {
      cost: '{{name}}: retry lädt die Fotos als neues Projekt erneut hoch; das verbraucht {{size, bytes}} Guthaben.',
      costLeft:
        '{{name}}: retry lädt die Fotos als neues Projekt erneut hoch; das verbraucht {{size, bytes}} Guthaben (Ihr Token hat noch {{left, bytes}}).',
      needYes: 'Nichts wurde gestartet: Bestätigen Sie mit --yes.',
      ask: 'Erneut starten? [j/N]',
      notStarted: 'Nichts wurde gestartet.',
    },
    sentIn: '{{name}}: {{size, bytes}} gesendet in {{time}} ({{rate, bytes}}/s)',
    seconds: '{{value, number(maximumFractionDigits: 1)}} s',
    uploadedStarted: '{{name}}: hochgeladen und gestartet. Verfolgen Sie es mit: scanbridge status {{name}}',
    modelSaved: '{{name}}: Modell gespeichert in {{folder}}',
    doneDownload: '{{name}}: fertig. Laden Sie es herunter mit: scanbridge download {{name}} <Ordner>',
    pausing: 'Wird pausiert… (erneut Strg+C beendet sofort). Später fortsetzen mit: scanbridge resume',
    nothingFailed: 'Nichts fortzusetzen. Diese Aufträge sind fehlgeschlagen und brauchen etwas anderes:',
    nothingLeft: 'Nichts fortzusetzen: Alle Aufträge sind beendet.',
    stillProcessing_one:
      '{{count}} Auftrag wird noch auf seinem Backend berechnet; verfolgen Sie ihn mit: scanbridge resume --wait',
    stillProcessing_other:
      '{{count}} Aufträge werden noch auf ihrem Backend berechnet; verfolgen Sie sie mit: scanbridge resume --wait',
    failedNotResumed: 'Diese Aufträge sind fehlgeschlagen, resume setzt sie nicht fort:',
    statusLine: '{{project}} ({{backend}}): {{status}}',
    noStatus: '(kein Status: abgelaufen oder entfernt)',
    statusDownload: 'Herunterladen: scanbridge download {{project}} <Ordner>',
    downloading: 'wird heruntergeladen: {{done, bytes}}',
    downloadingOf: 'wird heruntergeladen: {{done, bytes}} von {{total, bytes}}',
    downloaded_one: '{{project}}: {{count}} Datei in {{folder}}',
    downloaded_other: '{{project}}: {{count}} Dateien in {{folder}}',
  },
  // ── cliwords (issue 14): die Befehle der CLI und ihre Hilfe (--help) ──
  cliCmd: {
    help: {
      program:
        'Von einem Ordner mit Fotos zum 3D-Modell: OpenScan Cloud, NodeODM oder COLMAP auf diesem Computer.',
      heading: {
        usage: 'Aufruf:',
        arguments: 'Argumente:',
        options: 'Optionen:',
        globalOptions: 'Globale Optionen:',
        commands: 'Befehle:',
      },
      usageWord: { options: '[Optionen]', command: '[Befehl]' },
      choices: 'Auswahl: {{values}}',
      default: 'Standard: {{value}}',
      afterError: '(Mit --help sehen Sie den Aufruf)',
      helpOption: 'Hilfe zum Befehl anzeigen',
      helpCommand: 'Hilfe zu einem Befehl anzeigen',
      version: 'Version ausgeben',
      exitTitle: 'Exit-Codes:',
      exit: {
        '0': 'Erfolg',
        '1': 'fehlgeschlagen (siehe Meldung)',
        '2': 'falscher Aufruf',
        '3': 'Token fehlt, ist unbekannt oder wurde abgelehnt',
        '4': 'der Satz überschreitet eine Grenze, oder das Guthaben reicht nicht',
        '5': 'später erneut versuchen: Der Server war nicht erreichbar oder scheiterte wiederholt; der Auftrag bleibt erhalten (scanbridge resume)',
        '6': 'unsere Eingabe: keine Fotos, unlesbare oder geänderte Dateien, ein volles Laufwerk',
        '7': 'der Server lehnte ab oder scheiterte: eine Ablehnung, eine unbrauchbare Antwort, eine fehlgeschlagene Berechnung',
        '130': 'unterbrochen (der Auftrag ist pausiert; scanbridge resume setzt ihn fort)',
      },
      global: {
        endpoint:
          'Adresse der OpenScan Cloud, oder des NodeODM-Knotens mit --backend nodeodm (Standard: SCANBRIDGE_ENDPOINT, dann config)',
        token: 'OpenScan-Token (Standard: SCANBRIDGE_TOKEN, dann das gespeicherte Token)',
        dataDir: 'Datenordner (Standard: SCANBRIDGE_DATA_DIR, dann der Standard des Systems)',
        json: 'einen JSON-Wert auf stdout ausgeben, sonst nichts',
        verbose: 'auch das Auftragsprotokoll ausgeben (jeden Schritt, die Konsole eines Knotens)',
      },
      backend: 'wo berechnet wird',
      wait: 'warten, bis die Berechnung fertig ist',
      job: 'Auftrags-ID oder Projektname',
      colmap: 'das COLMAP-Programm (Standard: mitgeliefert, dann PATH)',
      upload: {
        about: 'Fotos prüfen, packen und hochladen (Ordner, Zips, Dateien), dann die Berechnung starten',
        paths: 'Ordner, Zip-Dateien oder Fotos',
        name: 'lesbarer Anfang des Projektnamens (ein zufälliger Zusatz kommt immer dazu)',
        concurrency: 'gleichzeitig hochgeladene Teile (Standard: config)',
        partSize: 'Bytes pro Teil (höchstens 200000000)',
        wait: 'warten, bis die Berechnung fertig ist (lädt nur mit --download herunter)',
        download: 'das Modell danach in diesen Ordner herunterladen und entpacken (schließt --wait ein)',
        profile: 'ein gespeichertes NodeODM-Profil (scanbridge profiles list)',
        nodeToken:
          'das Token des NodeODM-Knotens für diesen Lauf (nur an diesen Knoten gesendet, nie gespeichert)',
        option: 'eine NodeODM-Aufgabenoption, wiederholbar',
      },
      resume:
        'jeden unfertigen oder pausierten Auftrag fortsetzen (nach einem Absturz, Neustart oder Strg+C)',
      retry: {
        about:
          'einen fehlgeschlagenen oder abgebrochenen Auftrag neu starten; sagt vorher, welches Guthaben ein neues Cloud-Projekt kostet (fragt, oder --yes)',
        yes: 'nicht fragen: auch starten, wenn es erneut Guthaben kostet (für Skripte)',
      },
      jobs: {
        about: 'die Aufträge auflisten: Name, Backend, Zustand, Fortschritt, Alter, Ergebnis',
        all: 'auch beendete Aufträge zeigen',
      },
      status: 'der Status eines Auftrags oder Cloud-Projekts, live abgefragt (jedes Backend)',
      download: {
        about:
          'das Modell eines fertigen Auftrags oder Cloud-Projekts herunterladen und entpacken (jedes Backend)',
        dir: 'Zielordner (Standard: config downloadDir)',
      },
      check: {
        about:
          'vor dem Hochladen vorausschauen: Fotos finden, die das Modell verderben würden (Exit 1, wenn riskant)',
        paths: 'ein Ordner mit Fotos, Fotodateien oder ein Zip mit Fotos (an Ort und Stelle gelesen)',
        threads: 'Threads für COLMAP und sharp (Standard: alle Kerne bis auf einen)',
        after:
          'Die Prüfung schaut auf kleinen Kopien der Fotos voraus (sharp, COLMAP auf diesem Computer, kein Hochladen):\nunscharfe oder schlecht belichtete Fotos, Duplikate, Fotos, die zu keinem der Hauptgruppe passen, Fotos, die\nkaum überlappen, und fehlende Bögen eines Rings. Mit --json gibt sie ein Objekt aus:\n  {"verdict","seconds","photos","flagged":[{"file","reasons":[codes],"detail"}],"groups":[[files]],…}\nExit: 0 der Satz sieht gut aus; 1 er ist riskant oder wird wahrscheinlich scheitern (siehe die Gründe); andere Codes: siehe „scanbridge --help“.',
      },
      reconstruct: {
        about: 'ein 3D-Modell auf diesem Computer mit COLMAP berechnen (ohne Netzwerk)',
        paths: 'ein Ordner mit Fotos oder Fotodateien',
        out: 'Arbeits- und Ergebnisordner (erneut aufrufen, um einen unterbrochenen Lauf fortzusetzen)',
        matcher: 'wie Fotos gepaart werden',
        mesh: 'ein Netz erzeugen',
      },
      watch: {
        about:
          'jeden vollständigen Scan senden, der in einem Ordner erscheint (ein Unterordner oder Zip pro Scan)',
        dir: 'der Ordner, in den der Scanner schreibt',
        profile: 'ein gespeichertes NodeODM-Profil (oder die Adresse des Knotens mit --endpoint)',
        quiet: 'ein Scan ist vollständig, wenn sich so lange nichts geändert hat',
        marker:
          'eine Datei, deren Erscheinen einen Scan als vollständig markiert (Standard: DONE, .done, done.txt…)',
        delete: 'einen Scan löschen, sobald sein Modell fertig ist (Standard: behalten)',
        existing: 'beim ersten Start auch die schon vorhandenen Scans senden',
      },
      backends: 'die Backends auflisten (Cloud, NodeODM-Profile, COLMAP hier) und ob jedes antwortet',
      config: {
        about:
          'Einstellungen: endpoint, downloadDir, concurrency, partSize, bandwidthLimit, autoDownload, colmapPath, language',
        list: 'jede Einstellung und ihr Wert',
        get: 'eine Einstellung',
        set: 'eine Einstellung ändern (Optionen überschreiben sie weiterhin für einen Lauf)',
        unset: 'zurück zum Standard',
        name: 'die Einstellung',
        value: 'ihr neuer Wert',
      },
      profiles: {
        about: 'gespeicherte NodeODM-Knoten (Adresse, Optionen; das Token bleibt geheim)',
        list: 'die gespeicherten Profile',
        add: 'einen Knoten speichern: --endpoint URL [--node-token T] [--option name=wert]…',
        remove: 'einen Knoten und sein Token vergessen',
        name: 'der Name des Profils',
        nodeToken: 'das Token des Knotens (wie das Cloud-Token gespeichert, nicht in den Einstellungen)',
        option: 'eine Standard-Aufgabenoption, wiederholbar',
      },
      token: {
        about: 'ein OpenScan-Token anzeigen, speichern, löschen oder anfordern',
        info: 'Guthaben und Grenzen des Tokens',
        set: 'ein Token bei der Cloud prüfen und speichern (ohne Argument: fragt ohne Echo; „-“: liest stdin)',
        value: 'das Token, oder - für stdin',
        clear: 'das gespeicherte Token entfernen',
        request: 'ein privates Token anfordern; es kommt per Mail',
        mail: 'Ihre Mailadresse',
        forename: 'Ihr Vorname',
        lastname: 'Ihr Nachname',
      },
    },
    usage: {
      unknownOption: 'unbekannte Option „{{flag}}“',
      unknownCommand: 'unbekannter Befehl „{{name}}“',
      didYouMean: '(Meinten Sie {{what}}?)',
      didYouMeanOneOf: '(Meinten Sie eines von {{what}}?)',
      missingArgument: 'das Argument „{{name}}“ fehlt',
      optionMissingArgument: 'der Option „{{flags}}“ fehlt ihr Wert',
      missingMandatoryOption: 'die Option „{{flags}}“ ist nötig',
      excessArguments_one: 'zu viele Argumente: erwartet {{count}} Argument, erhalten {{got}}.',
      excessArguments_other: 'zu viele Argumente: erwartet {{count}} Argumente, erhalten {{got}}.',
      excessArgumentsFor_one:
        'zu viele Argumente für „{{command}}“: erwartet {{count}} Argument, erhalten {{got}}.',
      excessArgumentsFor_other:
        'zu viele Argumente für „{{command}}“: erwartet {{count}} Argumente, erhalten {{got}}.',
      invalidOption: 'der Wert „{{value}}“ der Option „{{flags}}“ ist ungültig. {{why}}',
      invalidArgument: 'der Wert „{{value}}“ ist für das Argument „{{name}}“ ungültig. {{why}}',
      choices: 'Erlaubt sind {{choices}}.',
      positiveInt: '{{name}} muss eine positive ganze Zahl sein (erhalten: „{{value}}“).',
      nonNegative: '{{name}} muss eine Zahl ab 0 sein (erhalten: „{{value}}“).',
      optionPair: '--option erwartet name=wert (erhalten: „{{value}}“).',
    },
    config: {
      unit: { bandwidthLimit: 'MB/s, 0 = keine Grenze', partSize: 'Bytes oder auto' },
      thisRun: 'dieser Lauf: {{endpoint}}',
      noSetting: 'Es gibt keine Einstellung „{{name}}“.',
      settings: 'Einstellungen: {{names}}.',
      needsName: 'config {{action}} braucht den Namen einer Einstellung.',
      needsValue: 'config set {{key}} braucht einen Wert.',
      invalid: '„{{value}}“ ist kein gültiger Wert für {{key}}: {{why}}.',
      takes: '{{key}} nimmt {{unit}}.',
    },
    profiles: {
      none: 'Keine NodeODM-Profile. Fügen Sie eines hinzu: scanbridge profiles add NAME --endpoint URL [--node-token T]',
      head: { name: 'NAME', kind: 'ART', endpoint: 'ADRESSE' },
      needsEndpoint: 'profiles add braucht die Adresse des Knotens: --endpoint URL.',
      saved: 'NodeODM-Profil {{name}} <{{endpoint}}> gespeichert.',
      savedWithToken: 'NodeODM-Profil {{name}} <{{endpoint}}> mit seinem Token gespeichert.',
      notAnswering: 'Warnung: Der Knoten antwortet gerade nicht: {{detail}}',
      exists: 'Es gibt schon ein Profil namens „{{name}}“.',
      existsHint: 'Entfernen Sie es zuerst, oder wählen Sie einen anderen Namen.',
      unknown: 'Es gibt kein Profil namens „{{name}}“.',
      unknownHint: 'Siehe: scanbridge profiles list',
      removed: 'Profil {{name}} entfernt (mit seinem Token).',
    },
    backends: {
      ok: 'ok',
      down: 'AUSFALL',
      nodeodm: 'NodeODM {{version}}, Warteschlange {{queue}}, höchstens {{max}} Bilder',
      nodeodmNoMax: 'NodeODM {{version}}, Warteschlange {{queue}}, beliebig viele Bilder',
      colmap:
        'COLMAP {{version}}: Dieser Computer kann ein dünnes Modell und ein grobes Netz erzeugen; ein detailliertes Netz braucht eine NVIDIA-GPU oder die Cloud.',
      colmapGpu:
        'COLMAP {{version}}: Dieser Computer kann mit seiner NVIDIA-GPU ein dünnes Modell und ein detailliertes (dichtes) Netz erzeugen.',
    },
    check: {
      progress: '{{percent}} {{phase}}',
    },
    reconstruct: {
      stopping: 'COLMAP wird angehalten… (fertige Stufen bleiben erhalten; derselbe Befehl setzt fort)',
      count: '{{done, number}} von {{total, number}}',
      summary:
        '{{registered}} von {{total}} Fotos registriert, {{points}} Punkte, mittlerer Rückprojektionsfehler {{error}} px, {{seconds}} s.',
      notRegistered: 'nicht registriert: {{image}} ({{reason}})',
      sparse: 'dünnes Modell: {{file}}',
      mesh: 'Netz: {{file}}',
      noMesh: 'kein Netz: {{reason}}',
      noMeshAsked: 'nicht angefordert',
      why: {
        noFeatures: 'keine Merkmale gefunden: Das Foto ist vielleicht leer, schwarz oder für COLMAP unlesbar',
        fewFeatures:
          'wenige Merkmale ({{count}} statt üblicherweise {{typical}}): wahrscheinlich unscharf, über- oder unterbelichtet oder überwiegend einfarbiger Hintergrund',
        otherGroup: 'es gehört zu einer Gruppe von Fotos, die nicht mit dem Hauptmodell überlappt',
        littleOverlap:
          'zu wenig Überlappung mit den Nachbarfotos (oder ein Hintergrund, der das Foto beherrscht)',
        notImage: 'kein Bild, das COLMAP liest ({{ext}})',
        notImageNoExt: 'kein Bild, das COLMAP liest (ohne Dateiendung)',
        invalidImage: 'kein gültiges Bild (abgeschnitten oder ein anderes Format unter einem Bildnamen)',
        unreadable: 'kann nicht gelesen werden ({{cause}})',
      },
    },
    token: {
      fileNote:
        'Das Token liegt in einer Datei, die nur Ihr Benutzerkonto lesen kann; es ist nicht verschlüsselt.',
      sessionNote: 'Das Token wird nur für diese Sitzung aufbewahrt.',
    },
    retry: {
      noJob: 'Es gibt keinen Auftrag „{{ref}}“.',
      noJobHint: 'Alle Aufträge zeigt: scanbridge jobs --all',
    },
    watch: {
      watching: 'Beobachte {{folder}} ({{backend}}). Beenden mit Strg+C.',
      stopping: 'Wird beendet; unfertige Aufträge gehen beim nächsten Start weiter (scanbridge resume).',
    },
  },
};
