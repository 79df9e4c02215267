"""The queue's conversation markers, from plaintext timestamps only (nothing is opened):

- "reporter wrote": a follow-up came after the Centre's last message to the reporter (or
  there is no message yet), so the reporter waits for an answer;
- "reply not read": a message to the reporter that they have not yet opened.

Both are EXISTS subqueries that ride along with the page's one query (queue.py, KeysetPage's
`along`), each an index look-up per row shown: the queue's query budget does not change.
"""

from django.db.models import Exists, OuterRef

from ...models import FollowUp, ReporterMessage


def expressions():
    answered_after = ReporterMessage.objects.filter(
        referral_id=OuterRef("referral_id"), created_at__gte=OuterRef("received_at")
    )
    return {
        "awaiting_answer": Exists(
            FollowUp.objects.filter(referral_id=OuterRef("pk")).exclude(Exists(answered_after))
        ),
        "unread_reply": Exists(
            ReporterMessage.objects.filter(
                referral_id=OuterRef("pk"), read_at__isnull=True, deleted_at__isnull=True
            )
        ),
    }
