# One image for the three services; the compose file picks the main class per service.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -Dmaven.test.skip=true package -pl demo -am \
 && mkdir -p /out/lib \
 && tr ':' '\n' < demo/target/classpath.txt | xargs -I{} cp {} /out/lib/

FROM eclipse-temurin:17-jre
# Every path docker-compose.yml mounts must exist here owned by the runtime user: a fresh named
# volume takes the owner of the directory it is mounted on (root if the image lacks it).
RUN useradd --system --home /var/lib/thermalwatch thermalwatch \
 && mkdir -p /var/lib/thermalwatch/streams && chown -R thermalwatch /var/lib/thermalwatch
COPY --from=build /out/lib /app/lib
USER thermalwatch
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*"]
CMD ["io.thermalwatch.api.ApiApplication"]
