#!/bin/bash
# Restores one backup made by deploy/backup.sh (docs/operations.md, "Backups and restore"):
# a NEW database from database.dump.age, MEDIA_ROOT from media.tar.age, and the audit anchor
# file from audit-anchor.log.age. It never overwrites: the database must not exist, the media
# folder must be absent or empty and the anchor file absent. Whatever this run created is
# removed again when a step fails.
#
#   restore.sh --identity FILE --database NAME --media-root DIR --anchor-file FILE \
#              [--db-user USER] BACKUP_FOLDER
#
# --identity     the backup key's age identity (the operator's, kept offline; an identity file
#                encrypted with a passphrase asks for it). NOT the triage key: the referrals
#                stay sealed in the restored database and open with the triage key as before.
# --db-user      run createdb, pg_restore and dropdb as this Unix user (e.g. postgres, which
#                signs in through the local socket); otherwise as the caller, with libpq's PG*
#                variables (PGHOST, PGPORT, PGUSER, PGPASSWORD) choosing the server and role.
#
# The roles the dump names (cpvht_owner, cpvht_internal, cpvht_public, cpvht-backup) must
# exist first: pg_restore stops at the first error and the new database is dropped.
set -euo pipefail
umask 077

usage() {
    echo "usage: restore.sh --identity FILE --database NAME --media-root DIR --anchor-file FILE" \
        "[--db-user USER] BACKUP_FOLDER" >&2
    exit 2
}

die() {
    echo "restore.sh: $*" >&2
    exit 1
}

identity="" database="" media_root="" anchor_file="" db_user="" folder=""
while [[ $# -gt 0 ]]; do
    case $1 in
        --identity | --database | --media-root | --anchor-file | --db-user)
            [[ $# -ge 2 ]] || usage
            case $1 in
                --identity) identity=$2 ;;
                --database) database=$2 ;;
                --media-root) media_root=$2 ;;
                --anchor-file) anchor_file=$2 ;;
                --db-user) db_user=$2 ;;
            esac
            shift 2
            ;;
        -*) usage ;;
        *)
            [[ -z $folder ]] || usage
            folder=$1
            shift
            ;;
    esac
done
[[ -n $identity && -n $database && -n $media_root && -n $anchor_file && -n $folder ]] || usage

as_db_user() {
    if [[ -n $db_user ]]; then
        runuser -u "$db_user" -- "$@"
    else
        "$@"
    fi
}

decrypt() {
    age --decrypt --identity "$identity" "$folder/$1"
}

# --- Checks, before anything is created ------------------------------------------------------
[[ -r $identity ]] || die "cannot read the identity $identity"
for name in database.dump.age media.tar.age audit-anchor.log.age SHA256SUMS; do
    [[ -f $folder/$name ]] || die "$folder is not a complete backup: no $name"
done
# The encrypted files are the ones the backup wrote (age checks each byte again when opening).
(cd "$folder" && sha256sum --check --quiet --strict SHA256SUMS) || die "checksums differ"
[[ $database =~ ^[A-Za-z0-9_-]+$ ]] || die "a database name of letters, digits, _ and - only"
exists=$(as_db_user psql --no-password -d postgres -qAtc \
    "SELECT count(*) FROM pg_database WHERE datname = '$database'")
[[ $exists == 0 ]] || die "the database $database exists: drop it or restore under another name"
if [[ -e $media_root ]]; then
    [[ -d $media_root && -z $(ls -A -- "$media_root") ]] || die "$media_root is not empty"
fi
[[ ! -e $anchor_file && ! -L $anchor_file ]] ||
    die "$anchor_file exists: keep it as evidence under another name first (docs/operations.md)"
[[ -d $(dirname -- "$anchor_file") ]] || die "no folder for $anchor_file"

# --- Restore ---------------------------------------------------------------------------------
created_database="" created_media="" anchor_partial="$anchor_file.restoring"
cleanup() {
    rm -f -- "$anchor_partial"
    if [[ -n $created_database ]]; then
        as_db_user dropdb --no-password --if-exists -- "$database" || true
    fi
    if [[ -n $created_media ]]; then
        rm -rf -- "$media_root"
    elif [[ -d $media_root ]]; then
        find "$media_root" -mindepth 1 -delete
    fi
    echo "restore.sh: failed; what this run had restored is removed again" >&2
}
trap cleanup EXIT

# The smallest file first: a wrong identity stops here, before a database is created.
decrypt audit-anchor.log.age >"$anchor_partial" || die "the identity does not open this backup"

as_db_user createdb --no-password -- "$database"
created_database=1
# One transaction: the database is restored whole or not at all.
decrypt database.dump.age |
    as_db_user pg_restore --no-password --exit-on-error --single-transaction --dbname="$database"

if [[ ! -e $media_root ]]; then
    mkdir -p -- "$media_root"
    created_media=1
fi
# As root, tar gives the files back their owners (by name) and modes.
decrypt media.tar.age | tar --extract --file=- --directory="$media_root"

chmod 0640 "$anchor_partial"
mv -- "$anchor_partial" "$anchor_file"
trap - EXIT
cat <<EOF
restore.sh: restored $folder
  database $database, media in $media_root, anchor file $anchor_file
Next (docs/operations.md, "Backups and restore"): the anchor file's owner, mode and chattr +a,
then \`cpvht-manage internal verify_audit_log\`.
EOF
