"""Steps of the browser walk-through that both its passes take (test_staff_walkthrough.py in
Cyrillic, test_english_walkthrough.py in English), each making the screenshots of the staff
guides in the desk's language: the queue and an urgent case, a news item, its English
translation, and a campaign copied for next year."""

import re
import secrets

from playwright.sync_api import expect

from tests.browser.staff_desk import ICON_MAX, VIEWPORT, form_screenshot, screenshot, shell

# Who may be called, when, and what never to use, as a reporter writes them.
SAFE_CONTACT = ("Сестра", "радним данима после 18 часова", "кућни телефон")


def send_report_with_safe_contact_wishes(browser, site, text, wishes=SAFE_CONTACT):
    """An urgent report on the public form, from someone who may be contacted only in some
    ways and at some times."""
    name, times, never = wishes
    context = browser.new_context(viewport={"width": 360, "height": 640}, is_mobile=True)
    phone = context.new_page()
    phone.goto(site + "/en/report/")
    phone.locator("#id_danger_now_0").check()  # yes
    phone.locator("#id_child_involved_1").check()  # no
    phone.locator("#id_what_happened").fill(text)
    phone.locator("#id_wants_contact_1").check()  # yes, the Centre may contact me
    phone.locator("#id_contact_name").fill(name)
    phone.locator("#id_contact_phone").fill("+381 60 123 4567")
    phone.locator("#id_safe_channels_1").check()  # text message
    phone.locator("#id_safe_times").fill(times)
    phone.locator("#id_never_use").fill(never)
    phone.locator("form button[type=submit]").last.click()
    reference = phone.locator(".receipt__code").first.inner_text().strip()
    context.close()
    return reference


def add_normal_referral(site):
    """A referral of normal priority received yesterday, straight into the server's database."""
    number = secrets.randbelow(9000) + 1000
    shell(
        site,
        "import datetime; from django.utils import timezone; "
        "from tests.referrals.support import referral_row; "
        f"referral_row({number}, received_at=timezone.now() - datetime.timedelta(days=1)).save()",
    )
    return f"CZ-{number:04d}-TEST"


def open_the_urgent_case(desk, urgent, normal, wishes):
    """The queue, the urgent referral first though the other came a day earlier; then its case,
    safe contact first, its warning sign at the size of the heading's text."""
    page = desk.page
    desk.go("/admin/referrals/queue/", "queue")
    references = page.locator("main tbody tr").all_inner_texts()
    order = [next(i for i, row in enumerate(references) if ref in row) for ref in (urgent, normal)]
    assert order[0] < order[1], references
    screenshot("triage-queue", page, desk.language, clip={"x": 0, "y": 0, **VIEWPORT})

    page.locator("main tbody tr", has_text=urgent).get_by_role("link", name=urgent).click()
    heading = page.locator("#safe-contact-heading")
    heading.wait_for()
    desk.read("case")
    icon = heading.locator("svg").bounding_box()
    assert icon["width"] <= ICON_MAX and icon["height"] <= ICON_MAX, icon
    assert icon["height"] <= heading.bounding_box()["height"], (icon, heading.bounding_box())
    assert wishes[1] in page.locator(".referral-safe-contact").inner_text()
    screenshot("triage-safe-contact", page.locator(".referral-safe-contact"), desk.language)




def news_index_id(site):
    return shell(
        site,
        "from news.models import NewsIndexPage; "
        "print(NewsIndexPage.objects.get(locale__language_code='sr').pk)",
    )


def page_urls(site, page_id):
    """The public paths of a page in its three languages ('-' for none yet)."""
    return dict(
        pair.split("=")
        for pair in shell(
            site,
            "from wagtail.models import Page; p = Page.objects.get(pk=" + str(page_id) + "); "
            "print(' '.join(f'{t.locale.language_code}={t.specific.url or \"-\"}' "
            "for t in p.get_translations(inclusive=True)))",
        ).split()
    )


def footer_action(page, selector):
    """A button of the page editor's footer menu, opened from the arrow beside Save draft."""
    button = page.locator(f"footer {selector}")
    if not button.is_visible():
        page.locator("footer .w-dropdown__toggle").first.click()
    return button


def write_news_item(desk, title, picture):
    """A news item in Cyrillic under the news page, with an image uploaded in the chooser and
    described, saved as a draft: its page id."""
    page = desk.page
    desk.go(f"/admin/pages/{news_index_id(desk.site)}/", "news in the explorer")
    page.locator("header a[href*='/add_subpage/']").first.click()
    page.wait_for_url("**/admin/pages/add/news/newspage/**")
    desk.read("new news item")
    page.locator("#id_title").fill(title)
    page.locator("#id_summary").fill("Центар је одржао обуку о препознавању трговине људима.")
    page.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal-dialog")
    modal.wait_for()
    desk.read("image chooser")
    modal.locator("a[href='#tab-upload'], #tab-label-upload").first.click()
    modal.locator("input[type=file]").set_input_files(str(picture))
    modal.locator("input[name='image-chooser-upload-title']").fill("Обука у Центру")
    modal.locator("form button[type=submit]").last.click()
    expect(page.locator(".modal-dialog")).to_have_count(0)
    page.locator("#id_image_alt").fill("Социјални радници за столом у сали Центра.")
    desk.read("news item filled in")
    form_screenshot(
        "publishing-news-editor",
        page,
        page.locator("#id_title"),
        page.locator("#id_image_alt"),
        language=desk.language,
    )

    page.locator("footer button.action-save").click()
    page.wait_for_url("**/edit/")
    desk.read("news item, draft saved")
    # The slug, made from the title in Latin letters, is part of an address: a code.
    desk.allow.append(page.locator("#id_slug").input_value())
    return re.search(r"/pages/(\d+)/edit/", page.url).group(1)


def start_english_translation(desk, page_id, english):
    """The translation of a news item into English (`english`: that language's name as the
    admin says it), opened in the translation editor."""
    desk.go(f"/admin/localize/submit/page/{page_id}/", "translate this page")
    desk.page.get_by_label(english, exact=True).check()
    desk.page.locator("main form [type=submit]").first.click()
    desk.page.wait_for_url("**/admin/pages/*/edit/")
    desk.read("translation editor")
    screenshot("translations-editor", desk.page, desk.language, clip={"x": 0, "y": 0, **VIEWPORT})




# What the screen after a copy reminds the editor of (home/wagtail_hooks.py).
COPY_REMINDER = (
    "The copy still has the year, the events and the images of the page it was copied from: set "
    "the new year, change or remove the events and replace the hero and share images before "
    "publishing it."
)


def copy_last_years_campaign(desk, reminder):
    """Last year's world-day campaign copied for the next year, whose reminder (`reminder`, as
    the admin says it) comes after the copy; the copy is left open in the editor with the new
    year typed in, not saved yet. The new year."""
    site, page = desk.site, desk.page
    campaign_id, year = shell(
        site,
        "from campaigns.models import CampaignPage; c = CampaignPage.objects.filter("
        "locale__language_code='sr', observance='world-day').order_by('-year').first(); "
        "print(c.pk, c.year)",
    ).split()
    next_year = int(year) + 1
    desk.go(f"/admin/pages/{campaign_id}/copy/", "copy a page")
    page.locator("#id_new_title").fill(f"Светски дан борбе против трговине људима {next_year}")
    page.locator("#id_new_slug").fill(f"svetski-dan-{next_year}")
    desk.allow.append(f"svetski-dan-{next_year}")
    page.locator("main form [type=submit]").first.click()
    expect(page.locator(".messages")).to_contain_text(reminder)
    desk.read("after the copy")
    copy_id = shell(
        site,
        "from campaigns.models import CampaignPage; "
        f"print(CampaignPage.objects.get(slug='svetski-dan-{next_year}', "
        "locale__language_code='sr').pk)",
    )
    desk.go(f"/admin/pages/{copy_id}/edit/", "the copy in the editor")
    year_field = page.locator("#id_year")
    assert year_field.input_value() == year, "the copy still has last year"
    year_field.scroll_into_view_if_needed()
    page.mouse.wheel(0, -120)
    year_field.fill(str(next_year))
    screenshot("campaigns-copy", page, desk.language, clip={"x": 0, "y": 0, **VIEWPORT})
    return next_year
