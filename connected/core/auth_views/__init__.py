"""Sign in (throttled by django-axes), sign out, and optional TOTP two-factor (django-otp), at /accounts/."""
