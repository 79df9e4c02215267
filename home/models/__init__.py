from .campaigns import CampaignIndexPage, CampaignPage, Observance
from .news import NewsIndexPage, NewsPage, NewsPageTag, NewsTag
from .pages import HomePage, StandardPage
from .site_settings import CampaignSettings, ContactSettings, SocialSettings

__all__ = [
    "HomePage",
    "StandardPage",
    "CampaignIndexPage",
    "CampaignPage",
    "Observance",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageTag",
    "NewsTag",
    "CampaignSettings",
    "ContactSettings",
    "SocialSettings",
]
