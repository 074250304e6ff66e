/** Backup and parallel plans (K1–K3, A5): the parallel specialty's own list, PGY-1 options, unfilled programs, longer paths. */

export {
  type BackupCall,
  type BackupRequest,
  backupCall,
  backupCandidates,
  planBackups,
} from "./plan-backups.ts";
export type {
  BackupLevel,
  BackupPath,
  BackupPlan,
  ParallelCandidate,
  ParallelPlan,
  UnfilledProgram,
} from "./types.ts";
export { BACKUP_LEVELS } from "./types.ts";
