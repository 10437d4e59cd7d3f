# The stancewire worker image. Table routing needs every worker reachable by the others, so the
# canonical URL is the container's own address, found at start.
FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY stancewire ./stancewire
COPY streams ./streams
COPY agents ./agents
COPY seeds ./seeds
RUN pip install --no-cache-dir .
ENV STANCEWIRE_WEB_HOST=0.0.0.0 \
    STANCEWIRE_WEB_PORT=6066 \
    STANCEWIRE_STATE_DIR=/data
VOLUME /data
EXPOSE 6066
CMD ["sh", "-c", "STANCEWIRE_CANONICAL_URL=http://$(hostname -i | cut -d' ' -f1):6066 exec stancewire worker --loglevel info"]
