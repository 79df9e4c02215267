from .index import IndexPage
from .pages import SitePage
from .site_settings import ContactSettings, SiteSetting, SocialSettings

__all__ = ["IndexPage", "SitePage", "ContactSettings", "SiteSetting", "SocialSettings"]
