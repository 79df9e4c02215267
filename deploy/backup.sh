#!/bin/bash
# The nightly backup (docs/operations.md, "Backups and restore"): the database (pg_dump -Fc), the
# media (MEDIA_ROOT: images, originals, documents) and a copy of the audit anchor file, each
# encrypted with age to the BACKUP key's public half, into BACKUP_DIR/<UTC time>/; then the
# older backups beyond BACKUP_KEEP_DAILY days and BACKUP_KEEP_WEEKLY weeks are deleted.
#
# This host holds no secret that opens a backup: only the recipients file (age public keys),
# never the triage key, whose sealed referrals stay sealed inside the dump whatever opens it.
# Run by cpvht-backup.service as the Unix user cpvht-backup, which signs in to PostgreSQL
# through the local socket (peer) as the role "cpvht-backup", a member of pg_read_all_data.
#
# Environment (deploy/env/backup.env.example; libpq's PG* variables choose the database):
#   PGDATABASE, PGHOST, PGUSER        the database, its socket folder or host, the role
#   BACKUP_DIR                        where the backups go (one folder per backup)
#   BACKUP_AGE_RECIPIENTS_FILE        age public key(s), one a line: who can open the backups
#   MEDIA_ROOT, AUDIT_ANCHOR_FILE     as in internal.env
#   BACKUP_KEEP_DAILY, BACKUP_KEEP_WEEKLY   the rotation (defaults 7 and 8)
set -euo pipefail
umask 077

: "${PGDATABASE:?set PGDATABASE}" "${PGHOST:?set PGHOST}" "${PGUSER:?set PGUSER}"
: "${BACKUP_DIR:?set BACKUP_DIR}"
: "${BACKUP_AGE_RECIPIENTS_FILE:?set BACKUP_AGE_RECIPIENTS_FILE}"
: "${MEDIA_ROOT:?set MEDIA_ROOT}" "${AUDIT_ANCHOR_FILE:?set AUDIT_ANCHOR_FILE}"
keep_daily=${BACKUP_KEEP_DAILY:-7}
keep_weekly=${BACKUP_KEEP_WEEKLY:-8}

die() {
    echo "backup.sh: $*" >&2
    exit 1
}

[[ $keep_daily =~ ^[1-9][0-9]*$ ]] || die "BACKUP_KEEP_DAILY must be 1 or more"
[[ $keep_weekly =~ ^[0-9]+$ ]] || die "BACKUP_KEEP_WEEKLY must be a number"
[[ -d $BACKUP_DIR ]] || die "no folder $BACKUP_DIR"
[[ -d $MEDIA_ROOT ]] || die "no folder $MEDIA_ROOT (MEDIA_ROOT)"
[[ -r $BACKUP_AGE_RECIPIENTS_FILE ]] || die "cannot read $BACKUP_AGE_RECIPIENTS_FILE"

encrypt() {
    age --encrypt --recipients-file "$BACKUP_AGE_RECIPIENTS_FILE" --output "$1"
}

stamp=$(date -u +%Y%m%dT%H%M%SZ)
final=$BACKUP_DIR/$stamp
[[ ! -e $final ]] || die "$final exists already"
# Written under a name rotation and restore ignore, renamed when complete: a folder named
# like a backup is always a whole one.
partial=$BACKUP_DIR/.partial-$stamp
trap 'rm -rf -- "$partial"' EXIT
mkdir -m 0700 "$partial"

# 1. The anchor file first: every head anchored in it was committed before pg_dump takes its
#    snapshot, so the restored chain holds every anchored head and verifies against this copy.
#    No file yet (nothing anchored): an empty one.
if [[ -e $AUDIT_ANCHOR_FILE ]]; then
    encrypt "$partial/audit-anchor.log.age" <"$AUDIT_ANCHOR_FILE"
else
    encrypt "$partial/audit-anchor.log.age" </dev/null
fi

# 2. The database: one consistent snapshot, custom format (compressed, read by pg_restore).
#    Ownership and grants are kept: a restore needs the roles to exist (docs/operations.md).
pg_dump --format=custom --no-password | encrypt "$partial/database.dump.age"

# 3. The media, after the dump: a file uploaded meanwhile is one too many, never one missing
#    for a row of the dump (Wagtail deletes no file the dump could still name).
#    Owners are stored by name, for a machine whose users have other numbers. GNU tar's status 1
#    ("a file changed as we read it") is accepted: the folder is live; 2 is an error.
{ tar --create --file=- --directory="$MEDIA_ROOT" --warning=no-file-changed . || (($? == 1)); } |
    encrypt "$partial/media.tar.age"

# Checksums of the encrypted files: a copy kept elsewhere can be checked without the key.
(cd "$partial" && sha256sum -- *.age >SHA256SUMS)
chmod 0700 "$partial"
mv -- "$partial" "$final"
trap - EXIT
echo "backup.sh: $final"

# --- Rotation --------------------------------------------------------------------------------
# Keep the newest backup of each of the $keep_daily most recent days that have one, and of each
# of the $keep_weekly most recent ISO weeks (Monday to Sunday, UTC) that have one; delete the
# rest. Only folders named like a backup are considered; the one just made is always kept.
mapfile -t backups < <(find "$BACKUP_DIR" -mindepth 1 -maxdepth 1 -type d \
    -regextype posix-extended -regex '.*/[0-9]{8}T[0-9]{6}Z' -printf '%f\n' | sort -r)
declare -A keep=()
days=0 weeks=0 last_day="" last_week=""
for name in "${backups[@]}"; do
    day=${name:0:8}
    week=$(date -u -d "$day" +%G-W%V)
    if [[ $day != "$last_day" ]]; then
        last_day=$day
        if ((days < keep_daily)); then
            keep[$name]=1
            days=$((days + 1))
        fi
    fi
    if [[ $week != "$last_week" ]]; then
        last_week=$week
        if ((weeks < keep_weekly)); then
            keep[$name]=1
            weeks=$((weeks + 1))
        fi
    fi
done
for name in "${backups[@]}"; do
    if [[ -z ${keep[$name]:-} ]]; then
        rm -rf -- "${BACKUP_DIR:?}/$name"
        echo "backup.sh: deleted $name (rotation)"
    fi
done
