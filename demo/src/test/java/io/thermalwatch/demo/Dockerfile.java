package io.thermalwatch.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the final stage of our Dockerfile makes, read from its instructions (no Docker engine
 * here): the directories it creates (RUN mkdir, WORKDIR, COPY) with their owner (root unless a
 * later {@code chown} or {@code COPY --chown} says otherwise), the users it adds, the runtime
 * {@code USER}, the entrypoint's classpath and default main class.
 */
record Dockerfile(Map<String, String> directories, Set<String> usersCreated, String user, String classpath,
                  String defaultMainClass, boolean libFromRuntimeClasspath) {

    static Dockerfile parse(String text) {
        String joined = text.replaceAll("\\\\\\n", " ");
        List<String> all = joined.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        int lastFrom = 0;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).startsWith("FROM ")) {
                lastFrom = i;
            }
        }
        boolean libFromClasspathTxt = all.subList(0, lastFrom).stream()
                .anyMatch(l -> l.matches("RUN .*tr ':' '\\\\n' < demo/target/classpath\\.txt \\| xargs -I\\{} cp \\{} /out/lib/.*"));
        Map<String, String> dirs = new LinkedHashMap<>();
        Set<String> users = new TreeSet<>();
        String user = "root";
        String classpath = null;
        String main = null;
        boolean libCopied = false;
        for (String line : all.subList(lastFrom + 1, all.size())) {
            String instruction = line.split("\\s+", 2)[0];
            String args = line.substring(instruction.length()).strip();
            switch (instruction) {
                case "RUN" -> {
                    for (String command : args.split("&&|;")) {
                        run(command.strip().split("\\s+"), dirs, users);
                    }
                }
                case "WORKDIR" -> addWithParents(dirs, args, user);
                case "COPY" -> {
                    Matcher chown = Pattern.compile("--chown=([^:\\s]+)").matcher(args);
                    String owner = chown.find() ? chown.group(1) : "root";
                    String[] parts = args.split("\\s+");
                    String dest = parts[parts.length - 1];
                    addWithParents(dirs, dest, "root");
                    dirs.put(dest, owner);
                    libCopied |= args.contains("--from=build") && args.contains("/out/lib") && dest.equals("/app/lib");
                }
                case "USER" -> user = args;
                case "ENTRYPOINT" -> {
                    Matcher cp = Pattern.compile("\"-cp\",\\s*\"([^\"]+)\"").matcher(args);
                    classpath = cp.find() ? cp.group(1) : null;
                }
                case "CMD" -> main = args.replaceAll("[\\[\\]\"]", "").strip();
                default -> { }
            }
        }
        return new Dockerfile(dirs, users, user, classpath, main, libFromClasspathTxt && libCopied);
    }

    private static void run(String[] words, Map<String, String> dirs, Set<String> users) {
        if (words.length == 0) {
            return;
        }
        List<String> operands = new ArrayList<>();
        boolean recursive = false;
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals("--home") || words[i].equals("-d")) {
                i++; // an option's value
            } else if (words[i].startsWith("-")) {
                recursive |= words[i].equals("-R");
            } else {
                operands.add(words[i]);
            }
        }
        switch (words[0]) {
            case "mkdir" -> operands.forEach(d -> addWithParents(dirs, d, "root"));
            case "useradd", "adduser" -> users.add(operands.get(operands.size() - 1));
            case "chown" -> {
                String owner = operands.get(0).split(":")[0];
                for (String target : operands.subList(1, operands.size())) {
                    boolean rec = recursive;
                    dirs.replaceAll((d, o) -> d.equals(target) || rec && d.startsWith(target + "/") ? owner : o);
                }
            }
            default -> { }
        }
    }

    private static void addWithParents(Map<String, String> dirs, String dir, String owner) {
        String path = "";
        for (String part : dir.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            path += "/" + part;
            dirs.putIfAbsent(path, owner);
        }
    }
}
