"""The web UI in a real Chromium against a real server on a free loopback port.

Navigation search → article → speaker → quote, highlights and their tooltips by mouse
and keyboard, Try it through /api/extract, injection payloads that stay inert, and search as
a reader uses it: statements first, the act filter, the matching words marked, the download
links and the citation to copy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import web_samples

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"
INJECTED = (
    "img, iframe, object, embed, b, svg:not([role='img']), script:not([src='/static/app.js']), "
    "[onerror], [onload], [onfocus], [onclick], [autofocus], [style]:not(#qg-tip), a[href^='javascript' i]"
)


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    from quotegraph.web import create_app
    from quotegraph.web.background import running

    articles = [web_samples.first_report(), web_samples.later_report(), web_samples.xss_article(), web_samples.entity_report(),
                web_samples.acts_report()]
    store = web_samples.build_store(tmp_path_factory.mktemp("browser") / "store.db", articles)
    with running(create_app(store)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    """A fresh page that records dialogs and console errors (a CSP violation is one)."""
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    pg = context.new_page()
    pg.dialogs = []
    pg.errors = []
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("console", lambda m: m.type == "error" and pg.errors.append(m.text))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    yield pg
    context.close()


def test_search_to_article_to_speaker_to_quote(page, base_url):
    page.goto(base_url + "/")
    page.fill("#q", "appeal")
    page.press("#q", "Enter")
    page.wait_for_url("**/?q=appeal**")
    assert page.locator(".results .result").count() == 2

    page.click(".result a.outlet >> text=Daily Planet")  # onward to the article
    page.wait_for_url("**/articles/a-first**")
    assert page.locator("h1").inner_text() == "Family to appeal ruling"
    for role in ("source", "cue", "content"):
        assert page.locator(f".article-text .qg-{role}").count() >= 2, role

    page.click(".article-text a.qg-source >> text=Laura Kaplan")  # the source links to its speaker
    page.wait_for_url("**/speakers/*")
    assert page.locator("h1").inner_text() == "Laura Kaplan"
    assert page.locator("figure.chart svg rect.bar").count() == 2
    assert page.locator(".chart-legend li").all_inner_texts() == ["Daily Planet (1)", "Morning Post (1)"]

    page.click(".results blockquote a >> text=appeal this ruling")
    page.wait_for_url("**/quotes/*")
    assert "Daily Planet" in page.locator(".appearance.first").inner_text()
    assert page.locator(".appearances li").count() == 1
    assert page.locator(".appearances mark.diff").all_inner_texts() == ["this"]
    assert page.locator(".appearances del").all_inner_texts() == ["the"]
    assert page.locator("circle.dot").count() == 2
    assert page.errors == [] and page.dialogs == []


def test_keyboard_reaches_each_quote_and_focus_shows_speaker_channel_date(page, base_url):
    page.goto(base_url + "/articles/a-first")
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.article-text [tabindex=\"0\"]')"):
            reached.append(page.evaluate("document.activeElement.getAttribute('data-q')"))
            assert page.locator("#qg-tip").is_visible()
            tip = page.locator("#qg-tip").inner_text()
            if len(reached) == 1:
                assert tip == "Laura Kaplan · ET · 2024-06-25"
                assert page.locator("li.qg-active").count() == 1  # its entry in the list lights up too
        if len(reached) == 2:
            break
    assert len(reached) == 2
    page.keyboard.press("Escape")
    assert not page.locator("#qg-tip").is_visible()
    page.keyboard.press("Enter")  # a quote's keyboard stop leads to its entry in the list
    assert page.url.endswith(f"#quote-{reached[-1].split()[0]}")


def test_hovering_any_part_of_a_quote_shows_its_tooltip(page, base_url):
    page.goto(base_url + "/articles/a-first")
    page.hover(".article-text .qg-content >> text=the city would not comment")
    assert page.locator("#qg-tip").inner_text() == "Daniel Okafor · no channel · 2024-06-26"
    assert page.locator(".article-text .qg-active").count() == 3  # its content, cue and source
    page.mouse.move(0, 0)
    assert not page.locator("#qg-tip").is_visible()


def test_focusing_a_quote_outlines_every_mention_of_its_speaker(page, base_url):
    page.goto(base_url + "/articles/a-entities")
    speaker = ".article-text .qg-speaker"
    assert page.locator(speaker).count() == 0
    told = web_samples.entity_report().quotes[1]  # "We will fight this," told by Mark Vincent Kaplan (e1)
    page.focus(f"#at-{told.id}")
    assert page.locator("#qg-tip").inner_text().startswith("Mark Vincent Kaplan")
    # The description, the name and the pronoun: not the spokesperson, not unrelated text.
    assert page.locator(speaker).all_inner_texts() == ["An attorney for the singer's former husband", "Mark Vincent Kaplan", "He"]
    outline = page.locator(speaker).first.evaluate("el => getComputedStyle(el).outlineStyle")
    assert outline == "dashed"  # a style of its own: the focused quote itself is outlined solid
    page.keyboard.press("Escape")
    assert page.locator(speaker).count() == 0
    unresolved = web_samples.entity_report().quotes[3]  # no speaker: nothing to outline
    page.hover(f"#at-{unresolved.id}")
    assert page.locator("#qg-tip").is_visible() and page.locator(speaker).count() == 0
    assert page.errors == []


def test_injection_payloads_stay_inert_on_every_page(page, base_url):
    rows_url = base_url + "/api/quotes?q=pwned"
    quote = page.request.get(rows_url).json()["items"][0]
    urls = ["/articles/a-xss", "/?q=pwned", "/?q=fine", "/speakers", f"/speakers/{quote['speaker_id']}", f"/quotes/{quote['id']}"]
    for url in urls:
        page.goto(base_url + url)
        for mark in page.locator(".article-text [tabindex='0']").all():
            mark.focus()
            mark.hover()
        assert page.locator(INJECTED).count() == 0, url
        assert page.evaluate("window.__pwned === undefined"), url
    page.goto(base_url + "/articles/a-xss")
    assert web_samples.XSS_SPEAKER in page.locator(".article-text").inner_text()  # shown as text
    assert web_samples.XSS_URL in page.locator(".article .meta").inner_text()  # a javascript: URL is not a link
    assert page.locator("h1").inner_text() == f"Rally {web_samples.XSS_SCRIPT}{web_samples.XSS_IMG}"
    assert page.dialogs == []


@pytest.mark.slow
def test_try_it_annotates_pasted_text_through_the_api(page, base_url):
    page.goto(base_url + "/try")
    text = f'"The trains will run all night," Mayor Daniel Okafor told WRVN on Monday. {web_samples.XSS_IMG}'
    page.fill("#try-text", text)
    with page.expect_response("**/api/extract") as response:
        page.click("#try-form button[type=submit]")
    assert response.value.status == 200
    page.wait_for_selector("#try-result .article-text")
    assert page.locator("#try-result .article-text").inner_text() == text
    assert page.locator("#try-result .qg-content").count() >= 1
    assert page.locator("#try-result ol.quotes li").count() >= 1
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("window.__pwned === undefined") and page.dialogs == []


def test_try_it_shows_the_error_message_for_empty_text(page, base_url):
    page.goto(base_url + "/try")
    page.fill("#try-text", "   ")
    page.click("#try-form button[type=submit]")
    page.wait_for_selector("#try-status.problem")
    assert "empty" in page.locator("#try-status").inner_text()


def test_article_page_fits_a_phone_screen(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    pg = context.new_page()
    for url in ("/articles/a-xss", "/articles/a-first", "/speakers/1", "/?q=appeal"):
        pg.goto(base_url + url)
        assert pg.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), url
    context.close()


def test_search_marks_the_words_filters_by_act_and_downloads_what_it_shows(page, base_url, tmp_path):
    page.goto(base_url + "/?q=bridge")
    results = page.locator(".results .result")
    assert results.count() == 3
    assert page.locator(".results blockquote mark").all_inner_texts() == ["bridge"] * 3
    assert page.locator(".results .act").all_text_contents() == ["speech", "thought", "other"]  # statements first
    assert page.locator(".results .result").nth(2).get_attribute("class") == "result is-fragment"
    mark = page.locator(".results blockquote mark").first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert mark == "rgb(255, 224, 102)"  # the stylesheet's, not the browser's default yellow

    page.click("details summary")  # the filters
    page.select_option("#act", "thought")
    page.click("form.search button[type=submit]")
    page.wait_for_url("**act=thought**")
    assert results.count() == 1 and page.locator(".results .act").text_content() == "thought"
    assert page.locator(".results blockquote").inner_text() == "that the bridge repairs will run late"

    with page.expect_download() as csv_download:
        page.click("a.download >> text=CSV")
    path = tmp_path / "quotes.csv"
    csv_download.value.save_as(path)
    assert csv_download.value.suggested_filename == "quotegraph-quotes.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and ",thought,0,Daniel Okafor," in lines[1]
    with page.expect_download() as jsonl_download:
        page.click("a.download >> text=JSON Lines")
    jsonl_download.value.save_as(tmp_path / "quotes.jsonl")
    [row] = [json.loads(x) for x in (tmp_path / "quotes.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (row["act"], row["content"]["text"]) == ("thought", "that the bridge repairs will run late")
    assert page.errors == []


def test_the_quote_page_copies_its_citation(browser, base_url):
    context = browser.new_context()
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url)
    pg = context.new_page()
    quote = web_samples.first_report().quotes[0]
    pg.goto(base_url + f"/quotes/{quote.id}")
    assert "attorney" in pg.locator("dd.who").inner_text()
    assert pg.locator(".appearances mark.diff").all_inner_texts() == ["this"]
    pg.click("button.copy")
    pg.wait_for_selector(".copied >> text=Copied.")
    assert pg.evaluate("navigator.clipboard.readText()") == pg.locator("#citation").inner_text()
    assert pg.locator("#citation").inner_text().startswith("Laura Kaplan (attorney), to ET, 2024-06-25:")
    context.close()


def test_pages_load_without_console_errors(page, base_url):
    for url in ("/", "/speakers", "/speakers/1", "/try", "/articles/a-first", "/?q=bridge",
                f"/quotes/{web_samples.first_report().quotes[0].id}"):
        page.goto(base_url + url)
    assert page.errors == []
    assert os.environ.get("QG_NEVER_SET") is None  # the page did not need anything from the environment
