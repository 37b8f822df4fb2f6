# The web, worker and beat image. Front-end assets come from npm in a build stage.
FROM node:20-slim AS assets
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
# WeasyPrint (the PDF reports) draws text with Pango; the slim image has neither it nor fonts.
RUN apt-get update && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
    fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml ./
COPY requirements/base.txt ./requirements/
# Every package pinned by the lock file; the project itself then adds none of its own.
RUN pip install --no-cache-dir -r requirements/base.txt
COPY psc ./psc
COPY core ./core
COPY regions ./regions
COPY projects ./projects
COPY measurement ./measurement
COPY reporting ./reporting
COPY demo ./demo
RUN pip install --no-cache-dir --no-deps .
COPY . .
COPY --from=assets /app/node_modules ./node_modules
# collectstatic needs settings that import cleanly; these values exist only for this build step.
RUN DEBUG=false SECRET_KEY=build-only ALLOWED_HOSTS=build DATABASE_URL=postgres://build@build/build \
    python manage.py collectstatic --noinput
RUN useradd --create-home psc
USER psc
EXPOSE 8000
CMD ["gunicorn", "psc.wsgi", "--config", "psc/gunicorn.conf.py"]
