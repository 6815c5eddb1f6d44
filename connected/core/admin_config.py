"""The Django admin app with Connected's site (second factor required) as the default `admin.site`.

In its own module because app configs load before models, and the site itself imports the audit log.
"""

from django.contrib.admin.apps import AdminConfig


class ConnectedAdminConfig(AdminConfig):
    default_site = "connected.core.admin_site.StaffAdminSite"
