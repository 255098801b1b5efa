# syntax=docker/dockerfile:1
# talkbot: one static binary with the default notes embedded, on distroless.

FROM golang:1.26 AS build
WORKDIR /src
# Modules first, in their own layer: rebuilt only when go.mod or go.sum change.
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/bot ./cmd/bot
# An empty folder for the index cache, which the image's user owns.
RUN mkdir -p /out/cache

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/bot /bot
COPY --from=build --chown=65532:65532 /out/cache /cache
USER 65532:65532
# Indexes built from the notes are kept at /cache: a volume there (docker run
# -v talkbot-cache:/cache) lets a restart read the index instead of indexing.
ENV TALKBOT_CACHE=/cache
EXPOSE 8080
# Mount notes at /corpus to answer from them instead of the embedded ones
# (TALKBOT_CORPUS=/corpus). A broken or missing folder is reported at start.
VOLUME ["/corpus"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s CMD ["/bot", "healthcheck"]
ENTRYPOINT ["/bot", "serve"]
