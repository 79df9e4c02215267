from .index import IndexPage
from .pages import SitePage
from .site_settings import ContactSettings, SocialSettings

__all__ = ["IndexPage", "SitePage", "ContactSettings", "SocialSettings"]
