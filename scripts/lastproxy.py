"""How the load test and the HTTP bench speak to gunicorn.

In production a proxy ends TLS in front of gunicorn and says so in this header
(``SECURE_PROXY_SSL_HEADER``); the load test and the bench speak plain HTTP to gunicorn the same
way, so the production settings (HTTPS redirect, Secure cookies, CSRF's referer check) apply.
"""

BAKOM_PROXY = {"X-Forwarded-Proto": "https"}
