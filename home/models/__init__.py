from .pages import HomePage, StandardPage
from .site_settings import ContactSettings, SocialSettings

__all__ = ["HomePage", "StandardPage", "ContactSettings", "SocialSettings"]
