"""Test settings: the product's own settings with a fixed secret and fast password hashing."""

import os

os.environ.setdefault("SECRET_KEY", "test-secret-key-" + "x" * 60)
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

from hyte.catalogues import compile_catalogues

compile_catalogues()

from hyte.settings import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
