/**
 * The job log's lines in English, by code (main/contract/log-lines.ts): block `logLine` of en.ts.
 * `{{error}}` is the line's error as the app says it; `count` drives the plural.
 */
export const logLineEn = {
  jobFailed: '{{error}}',
  createRetry: 'Creating the project: {{error}} Trying again in {{seconds, number}} s.',
  startRetry: 'Starting the processing: {{error}} Trying again in {{seconds, number}} s.',
  statusCheckFailed: 'Could not check the status ({{error}}); still trying.',
  status: 'Status: {{status}}',
  cloudStatus: '{{status}} (cloud status “{{said}}”)',
  statusNone: 'Status: (none)',
  cleanupFailed: 'Could not clean up on the backend: {{error}}',
  removeTaskFailed: 'Could not remove the task on the backend: {{error}}',
  sendAgain: '{{error}} Sending the set again.',
  newProjectAfterForgotten: 'Starting {{project}} again as a new project (the cloud forgot it).',
  scanSkipped: 'Skipped {{file}}: {{reason}}',
  scanRejected: 'Not accepted: {{file}}: {{reason}}',
  scanWarning: '{{warning}}',
  cloudLinksMismatch:
    'The cloud returned {{links, number}} upload links for {{parts, number}} parts; resetting the project.',
  cloudProjectContinued: 'Project {{project}} was created by an earlier run; continuing it.',
  cloudProjectCreated_one: 'Created project {{project}}: {{count, number}} part, {{size, bytes}}.',
  cloudProjectCreated_other: 'Created project {{project}}: {{count, number}} parts, {{size, bytes}}.',
  cloudUnverified:
    'The upload server does not confirm parts with a content hash we can check; they are accepted unverified.',
  partRetry: 'Part {{part}}: {{error}} Retry {{attempt}} in {{seconds, number}} s.',
  cloudProcessingStarted: 'Processing of {{project}} started.',
  resultRenamed: 'Saved “{{from}}” as “{{to}}” (unsafe name).',
  resultSaved_one: 'Model saved to {{folder}} ({{count, number}} file).',
  resultSaved_other: 'Model saved to {{folder}} ({{count, number}} files).',
  nodeTaskCreated: 'Created task {{task}} on {{node}}.',
  nodeUploadRetry_one:
    'Upload of {{file}} ({{count, number}} photo) failed: {{error}} Retry {{attempt}} in {{seconds, number}} s.',
  nodeUploadRetry_other:
    'Upload of {{file}} … ({{count, number}} photos) failed: {{error}} Retry {{attempt}} in {{seconds, number}} s.',
  nodeSent_one:
    'Sent {{count, number}} photo in {{requests, number}} requests ({{retried, number}} retried).',
  nodeSent_other:
    'Sent {{count, number}} photos in {{requests, number}} requests ({{retried, number}} retried).',
  nodeTaskCommitted: 'Task {{task}} committed; the node starts processing.',
  downloadRetry: 'Download interrupted: {{error}} Resuming (try {{attempt}}) in {{seconds, number}} s.',
  resultExtracted_one: 'Extracted {{count, number}} file into {{folder}}.',
  resultExtracted_other: 'Extracted {{count, number}} files into {{folder}}.',
  nodeTaskRestarted: 'Task {{task}} restarted on {{node}} with the photos it already has.',
  localColmapDense:
    'COLMAP {{version}} ({{source}}: {{command}}). This machine can make a sparse model and a detailed (dense) mesh with its NVIDIA GPU.',
  localColmapSparse:
    'COLMAP {{version}} ({{source}}: {{command}}). This machine can make a sparse model and a rough mesh; a detailed mesh needs an NVIDIA GPU or the cloud.',
  localPlan:
    'Plan: {{matcher}} ({{why}}), {{camera}}{{focal}}, up to {{features, number}} features at {{size, number}} px, {{threads, number}} threads.',
  localSkipped: 'Skipping {{file}}: {{reason}}',
  localModels_one: 'COLMAP made {{count, number}} model; using {{path}}.',
  localModels_other:
    'COLMAP made {{count, number}} separate models (the photos fall into groups that do not overlap); using the largest, {{path}}.',
  localNoMesh: 'No mesh: {{error}}',
  watchError: 'Watching {{folder}}: {{error}}',
  watchSetChanged: '{{set}} changed after it was sent; sending it again as a new project.',
  watchSetSent: '{{set}}: complete, sent as job {{job}}.',
  watchSetSentAs: '{{set}}: complete, sent as job {{job}} ({{project}}).',
  watchSetDeleted: '{{set}}: done; deleted as the rule asks.',
  watchSetKept: '{{set}}: done, but it changed since it was sent, so it was kept.',
  watchFolderBack: 'The watch folder {{folder}} is back; watching again.',
  watchFolderGone:
    'The watch folder {{folder}} is gone (deleted, renamed or unmounted). Waiting for it to come back.',
  watchSetFailed: '{{set}}: {{error}}',
  jobCreated: 'Job {{job}} created for {{project}}.',
  scanned_one: 'Scanned {{paths}}: {{count, number}} photo, {{skipped, number}} not uploaded.',
  scanned_other: 'Scanned {{paths}}: {{count, number}} photos, {{skipped, number}} not uploaded.',
  checkGood_one:
    'Check {{check}}: good; {{flagged, number}} of {{count, number}} photo flagged ({{seconds, number}} s).',
  checkGood_other:
    'Check {{check}}: good; {{flagged, number}} of {{count, number}} photos flagged ({{seconds, number}} s).',
  checkRisky_one:
    'Check {{check}}: risky; {{flagged, number}} of {{count, number}} photo flagged ({{seconds, number}} s).',
  checkRisky_other:
    'Check {{check}}: risky; {{flagged, number}} of {{count, number}} photos flagged ({{seconds, number}} s).',
  checkWillFail_one:
    'Check {{check}}: will fail; {{flagged, number}} of {{count, number}} photo flagged ({{seconds, number}} s).',
  checkWillFail_other:
    'Check {{check}}: will fail; {{flagged, number}} of {{count, number}} photos flagged ({{seconds, number}} s).',
  checkFailed: 'Check {{check}} failed: {{error}}',
  openedWith: 'Opened {{file}} with {{app}}.',
  nodeTokenSaved: 'NodeODM token saved for profile {{profile}}.',
  nodeTokenRemoved: 'NodeODM token removed for profile {{profile}}.',
  projectReset: 'Project {{project}} reset.',
  downloaded: 'Downloaded {{project}} into {{folder}}.',
  tokenSaved: 'Token saved ({{masked}}).',
  tokenPublic: 'Using the public token.',
  tokenRequested: 'Token requested; it will arrive by mail.',
  tokenRemoved: 'Token removed.',
  settingsChanged: 'Settings changed: {{keys}}.',
  diagnosticsSaved: 'Diagnostics saved to {{path}}.',
  resumeFailed: 'Could not resume jobs: {{error}}',
  quitCheckFailed: 'Quit check failed: {{error}}',
  updatesOff: 'Updates are off: {{error}}',
  updateCheckFailed: 'The update check failed: {{error}}',
};

/** Words the log's lines are made of (block `logWords`): the local run's plan. */
export const logWordsEn = {
  matcher_exhaustive: 'every pair of photos matched',
  matcher_sequential: 'each photo matched with its next neighbours',
  matcher_checked: 'the pairs the check found matched',
  why_user: 'chosen by you',
  why_checkGraph: 'the pre-flight check’s match graph: {{figure, number}} pairs',
  why_exifTimes: 'ordered capture: EXIF capture times',
  why_numberedNames: 'ordered capture: numbered file names',
  why_tooMany: 'more than {{figure, number}} photos with no clear order: every pair would take hours',
  why_noOrder: 'no clear capture order',
  camera_shared: 'one shared camera',
  camera_perPhoto: 'one camera per photo',
  focal: ' (EXIF focal length {{focal, number}} px)',
};
