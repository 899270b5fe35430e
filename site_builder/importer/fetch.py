"""Download the sources for `site-builder update`: https only, with time limits and size caps.

Nothing here writes into the content. A download goes into a file in the update's temporary
folder and is checked for completeness (the length the server announced, a size cap); pages
are read to find the current file by its link (GOV.UK moves files to a new address with every
release, so the sources file names the page that links to them, not the file itself).

Every failure is a :class:`DownloadError` whose message says, in plain words, which address
failed and what to do.
"""

from __future__ import annotations

import http.client
import re
import shutil
import socket
import ssl
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Mapping, Protocol
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

USER_AGENT = "send-area-portal-update/1 (+https://github.com/; weekly check of public SEND inspection data)"
TIMEOUT_SECONDS = 60  # for each step of a download: connecting, and each read
DEADLINE_SECONDS = 300  # for a whole download
MAX_PAGE_BYTES = 5 * 1024 * 1024  # a GOV.UK page is about 100 KB
CHUNK = 64 * 1024
MONTHS = {m: i for i, m in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), 1)}


class DownloadError(Exception):
    """A source could not be downloaded or found; the message says which address and what to do.

    `offline` is true when the computer could not connect at all (no network, or the name not found).
    """

    def __init__(self, message: str, offline: bool = False) -> None:
        super().__init__(message)
        self.offline = offline


class Downloader(Protocol):
    """Saves what an address holds into a file: the network one below, or a stand-in in tests."""

    def __call__(self, url: str, dest: Path, max_bytes: int) -> str:
        """Write the body into dest and return the final address (after redirects)."""
        ...


class _HttpsOnlyRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, schemes: tuple[str, ...]) -> None:
        super().__init__()
        self.schemes = schemes

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme not in self.schemes:
            raise DownloadError(f"{req.full_url}: redirected to {newurl}, which is not an https address; not followed")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@dataclass(frozen=True)
class UrlDownloader:
    """Downloads with urllib: https only (tests may allow http for 127.0.0.1), a time limit, a size cap."""

    timeout: float = TIMEOUT_SECONDS
    schemes: tuple[str, ...] = ("https",)

    def __call__(self, url: str, dest: Path, max_bytes: int) -> str:
        if urlsplit(url).scheme not in self.schemes:
            raise DownloadError(f"{url}: not an https address; the update downloads only over https")
        opener = urllib.request.build_opener(_HttpsOnlyRedirects(self.schemes))
        request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=self.timeout) as response, open(dest, "wb") as out:
                announced = response.headers.get("Content-Length")
                if announced and announced.isdigit() and int(announced) > max_bytes:
                    raise DownloadError(_too_big(url, max_bytes))
                received, deadline = 0, time.monotonic() + DEADLINE_SECONDS
                while chunk := response.read(CHUNK):
                    if time.monotonic() > deadline:
                        raise DownloadError(f"{url}: still downloading after {DEADLINE_SECONDS // 60} minutes; "
                                            "stopped, nothing was used. Try again later.")
                    received += len(chunk)
                    if received > max_bytes:
                        raise DownloadError(_too_big(url, max_bytes))
                    out.write(chunk)
                if announced and announced.isdigit() and received != int(announced):
                    raise DownloadError(_part_way(url, received, int(announced)))
                return response.geturl()
        except DownloadError:
            raise
        except urllib.error.HTTPError as exc:
            hint = (" The file may have moved: find its new address and put it in site_builder/data/sources.json."
                    if exc.code in (404, 410) else " Try again later.")
            raise DownloadError(f"{url}: the server answered {exc.code} {exc.reason}.{hint}") from None
        except http.client.IncompleteRead as exc:
            expected = len(exc.partial) + exc.expected if exc.expected is not None else None
            raise DownloadError(_part_way(url, len(exc.partial), expected)) from None
        except (socket.timeout, TimeoutError):
            raise DownloadError(f"{url}: no answer within {self.timeout:g} seconds. Try again later.") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ssl.SSLError):
                raise DownloadError(
                    f"{url}: the secure connection failed ({reason}); nothing was downloaded.") from None
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise DownloadError(f"{url}: no answer within {self.timeout:g} seconds. Try again later.") from None
            raise DownloadError(
                f"{url}: could not connect ({reason}). Is this computer online? "
                "To update from files you downloaded before, use --from FOLDER.", offline=True,
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            raise DownloadError(f"{url}: the download failed ({exc}). Try again later.") from None


def _too_big(url: str, max_bytes: int) -> str:
    return (f"{url}: larger than {max_bytes // (1024 * 1024)} MB, far larger than this source has ever been, "
            "so it is probably not the right file; nothing was used")


def _part_way(url: str, received: int, expected: int | None) -> str:
    of = f" of {expected:,}" if expected is not None else ""
    return f"{url}: the download stopped part way ({received:,}{of} bytes); nothing was used. Try again later."


@dataclass(frozen=True)
class LinkStep:
    """One hop from a page to the next: the link whose address and text match, and which one to take."""

    href: str = ""
    text: str = ""
    pick: str = "first"  # "first" on the page, or "latest": the one whose text names the latest date

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> "LinkStep":
        step = cls(href=str(data.get("href", "")), text=str(data.get("text", "")), pick=str(data.get("pick", "first")))
        if step.pick not in ("first", "latest"):
            raise ValueError(f'"pick" is {step.pick!r}; use "first" or "latest"')
        for pattern in (step.href, step.text):
            re.compile(pattern)  # a bad pattern is reported when the sources file is read
        return step

    def describe(self) -> str:
        parts = [f"address matching {self.href!r}" if self.href else "",
                 f"text matching {self.text!r}" if self.text else ""]
        return "link with " + " and ".join(p for p in parts if p) if any(parts) else "link at all"


def links_on(page_html: str, base_url: str) -> list[tuple[str, str]]:
    """Every link on a page as (absolute address, text), in page order."""
    soup = BeautifulSoup(page_html, "html.parser")
    found = []
    for anchor in soup.find_all("a", href=True):
        href = urljoin(base_url, anchor["href"].strip())
        found.append((href, " ".join(anchor.get_text(" ").split())))
    return found


def choose_link(links: Iterable[tuple[str, str]], step: LinkStep) -> str | None:
    """The address of the link the step asks for, or None if no link matches."""
    matching = [(href, text) for href, text in links
                if urlsplit(href).scheme in ("https", "http")
                and (not step.href or re.search(step.href, href, re.I))
                and (not step.text or re.search(step.text, text, re.I))]
    if not matching:
        return None
    if step.pick == "latest":
        # The latest date named in a link's text wins; ties (and links naming no date) keep page order.
        best = max(range(len(matching)), key=lambda i: (latest_date_in(matching[i][1]) or date.min, -i))
        return matching[best][0]
    return matching[0][0]


def latest_date_in(text: str) -> date | None:
    """The latest date a title names: "31 August 2022", "June 2024", "2022 to 2023" (a year alone is its end)."""
    found: list[date] = []
    for day, month, year in re.findall(r"\b(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})\b", text):
        if month.lower() in MONTHS and 1 <= int(day) <= 31:
            try:
                found.append(date(int(year), MONTHS[month.lower()], int(day)))
            except ValueError:
                pass
    for month, year in re.findall(r"\b([A-Za-z]+)\s+(\d{4})\b", text):
        if month.lower() in MONTHS:
            found.append(date(int(year), MONTHS[month.lower()], 1))
    found += [date(int(year), 12, 31) for year in re.findall(r"\b(20\d\d)\b", text) if not found]
    return max(found) if found else None


def find_file(page: str, steps: Iterable[LinkStep], download: Downloader, work: Path, label: str) -> tuple[str, str]:
    """Follow links from a page, step by step, to the address of the current file; return it and the page that
    links to it (the release's own page, which the events it gives cite as their source).

    Each page is downloaded into `work`; `label` names the source in messages.
    """
    url = linking = page
    for number, step in enumerate(steps, 1):
        saved = work / f"page-{number}.html"
        final = download(url, saved, MAX_PAGE_BYTES)
        html = saved.read_bytes().decode("utf-8", "replace")
        saved.unlink()
        target = choose_link(links_on(html, final), step)
        if target is None:
            raise DownloadError(
                f"{label}: {url} has no {step.describe()} (step {number} of the source's \"links\"). The page "
                "may have changed: open it, find the link to the newest file, and change the pattern in "
                "site_builder/data/sources.json."
            )
        linking, url = url, target
    return url, linking


def copy_recorded(source: Path, dest: Path, max_bytes: int) -> None:
    """Use a file downloaded before (--from FOLDER) as if it had just been downloaded."""
    if source.is_symlink() or not source.is_file():
        raise DownloadError(f"{source.name}: no such file in the folder given with --from. Record the sources "
                            "with `site-builder update --save FOLDER`.")
    if source.stat().st_size > max_bytes:
        raise DownloadError(_too_big(source.name, max_bytes))
    shutil.copyfile(source, dest)

