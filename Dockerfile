# Flowrunner's image: Open Liberty with the application, its JDBC drivers and configuration. It also provides what
# worker pods take from it: the supervisor script (init container) and the collector's class path (collect mode).
# Build: mvn -DskipTests package && docker build -t flowrunner:0.1.0 .
FROM icr.io/appcafe/open-liberty:25.0.0.11-kernel-slim-java17-openj9-ubi-minimal

COPY --chown=1001:0 src/main/liberty/config/ /config/
COPY --chown=1001:0 target/liberty/wlp/usr/servers/flowrunner/jdbc/ /config/jdbc/
# Installs exactly the features server.xml names.
RUN features.sh

COPY --chown=1001:0 target/flowrunner.war /config/apps/flowrunner.war

# For worker pods: the supervisor, and the collector's classes and libraries (plain Java, no server).
USER 0
RUN mkdir -p /opt/flowrunner/lib && cd /tmp && jar xf /config/apps/flowrunner.war WEB-INF \
    && cp WEB-INF/lib/*.jar /opt/flowrunner/lib/ \
    && (cd WEB-INF/classes && jar cf /opt/flowrunner/lib/flowrunner-classes.jar .) \
    && cp WEB-INF/classes/dev/flowrunner/infrastructure/local/supervisor.sh /opt/flowrunner/supervisor.sh \
    && rm -rf /tmp/WEB-INF && chown -R 1001:0 /opt/flowrunner
USER 1001

# The image's application and configuration never change under a running server: nothing to poll for.
ENV FLOWRUNNER_DATA_DIR=/data FLOWRUNNER_FILE_UPDATES=mbean
RUN configure.sh
