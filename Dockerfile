# One image for the three services; the compose file picks the main class per service.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -ntp -Dmaven.test.skip=true package -pl demo -am \
 && mkdir -p /out/lib \
 && tr ':' '\n' < demo/target/classpath.txt | xargs -I{} cp {} /out/lib/

FROM eclipse-temurin:17-jre
RUN useradd --system --home /var/lib/thermalwatch thermalwatch \
 && mkdir -p /var/lib/thermalwatch && chown thermalwatch /var/lib/thermalwatch
COPY --from=build /out/lib /app/lib
USER thermalwatch
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*"]
CMD ["io.thermalwatch.api.ApiApplication"]
