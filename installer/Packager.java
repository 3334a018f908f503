import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * Builds Callscope's native packages: a jlink-trimmed runtime, a jpackage app image, then the
 * OS's installers from that image (Linux: .deb, and .rpm when rpmbuild exists; macOS: .dmg;
 * Windows: .msi).
 *
 * <p>Run by the pom's {@code installer} profile after {@code package}, which passes every setting
 * as {@code --key=value} (the pom is the one place they are written). Plain Java run from source,
 * so it works on all three systems with only the JDK; jdeps, jlink and jpackage are called
 * in-process through {@link ToolProvider}.
 */
public final class Packager {

    private final Map<String, String> opt;
    private final Os os = Os.current();
    private final Path target;
    private final Path out;
    private final Path work;

    private Packager(Map<String, String> opt) {
        this.opt = opt;
        this.target = Path.of(opt.get("target"));
        boolean bundled = !engineMode().equals("fetch");
        this.out = target.resolve(bundled ? "installer/with-engine" : "installer");
        this.work = target.resolve(bundled ? "installer-work/with-engine" : "installer-work/plain");
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opt = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --key=value, got " + arg);
            }
            opt.put(arg.substring(2, eq), arg.substring(eq + 1).strip());
        }
        new Packager(opt).run();
    }

    private void run() throws Exception {
        long start = System.nanoTime();
        cleanOutputs();
        deleteTree(work);
        Files.createDirectories(out);

        Path input = step("stage the jars", this::stageInput);
        String modules = step("find the modules (jdeps)", () -> modules(input));
        Path runtime = step("jlink the runtime", () -> jlink(modules));
        Path image = step("jpackage the app image", () -> appImage(input, runtime));
        for (String type : packageTypes()) {
            step("jpackage the ." + type, () -> nativePackage(type, image));
        }
        deleteTree(work);

        System.out.printf(Locale.ROOT, "%n[installer] done in %.0f s; outputs in %s:%n", seconds(start), out);
        System.out.printf(
                Locale.ROOT,
                "  %-48s %6.0f MB (app image, %s)%n",
                image.getFileName() + "/",
                mb(sizeOf(image)),
                engineMode().equals("fetch") ? "engine fetched on first use" : "engine bundled");
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
                System.out.printf(Locale.ROOT, "  %-48s %6.0f MB%n", p.getFileName(), mb(Files.size(p)));
            }
        }
    }

    // --- steps ---

    /** The main jar and its libraries (and the engine, when bundled) as jpackage's --input. */
    private Path stageInput() throws IOException {
        Path input = work.resolve("input");
        Files.createDirectories(input.resolve("lib"));
        Files.copy(target.resolve(opt.get("main-jar")), input.resolve(opt.get("main-jar")));
        try (Stream<Path> jars = Files.list(target.resolve("lib"))) {
            for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Files.copy(jar, input.resolve("lib").resolve(jar.getFileName()));
            }
        }
        if (!engineMode().equals("fetch")) {
            Path lib = bundledEngine();
            Files.createDirectories(input.resolve("native"));
            Files.copy(lib, input.resolve("native/libchdb.so"), StandardCopyOption.COPY_ATTRIBUTES);
            System.out.println("[installer] bundling " + lib + " (" + Math.round(mb(Files.size(lib))) + " MB)");
        }
        return input;
    }

    /** What the code uses (jdeps over the app and its libraries) plus what is only loaded by name. */
    private String modules(Path input) throws IOException {
        String classPath;
        try (Stream<Path> jars = Files.list(input.resolve("lib"))) {
            classPath = String.join(
                    java.io.File.pathSeparator,
                    jars.map(Path::toString).sorted().toList());
        }
        String found = tool(
                        "jdeps",
                        "--print-module-deps",
                        "--ignore-missing-deps",
                        "--multi-release",
                        Integer.toString(Runtime.version().feature()),
                        "--class-path",
                        classPath,
                        input.resolve(opt.get("main-jar")).toString())
                .strip();
        Set<String> modules = new TreeSet<>(
                Arrays.asList(found.lines().reduce((a, b) -> b).orElse("").split(",")));
        modules.addAll(list(opt.get("extra-modules")));
        modules.removeIf(String::isBlank);
        System.out.println("[installer] modules: " + String.join(",", modules));
        return String.join(",", modules);
    }

    private Path jlink(String modules) throws IOException {
        Path runtime = work.resolve("runtime");
        List<String> args = new ArrayList<>(List.of(
                "--add-modules",
                modules,
                "--output",
                runtime.toString(),
                "--strip-debug",
                "--no-header-files",
                "--no-man-pages",
                "--strip-native-commands"));
        args.addAll(words(opt.get("jlink-options")));
        tool("jlink", args.toArray(String[]::new));
        return runtime;
    }

    private Path appImage(Path input, Path runtime) throws IOException {
        List<String> args = common("app-image");
        args.addAll(List.of(
                "--input",
                input.toString(),
                "--main-jar",
                opt.get("main-jar"),
                "--main-class",
                opt.get("main-class"),
                "--runtime-image",
                runtime.toString(),
                "--icon",
                icon().toString()));
        for (String option : javaOptions()) {
            args.addAll(List.of("--java-options", option));
        }
        if (os == Os.MAC) { // Info.plist is written with the image; the .dmg only wraps it
            args.addAll(List.of(
                    "--mac-package-identifier",
                    opt.get("mac-identifier"),
                    "--mac-app-category",
                    opt.get("mac-category")));
        }
        tool("jpackage", args.toArray(String[]::new));
        return out.resolve(os == Os.MAC ? opt.get("name") + ".app" : opt.get("name"));
    }

    private Void nativePackage(String type, Path image) throws IOException {
        List<String> args = common(type);
        args.addAll(List.of("--app-image", image.toString(), "--about-url", opt.get("homepage")));
        Path license = Path.of(opt.get("license-file"));
        if (Files.isRegularFile(license)) {
            args.addAll(List.of("--license-file", license.toString()));
        }
        switch (type) {
            case "deb", "rpm" -> {
                args.addAll(List.of(
                        "--linux-package-name",
                        opt.get("package-name"),
                        "--linux-shortcut",
                        "--linux-menu-group",
                        opt.get("linux-menu-group"),
                        "--resource-dir",
                        linuxResources().toString()));
                if (type.equals("deb")) {
                    args.addAll(List.of(
                            "--linux-deb-maintainer",
                            opt.get("maintainer"),
                            "--linux-app-category",
                            opt.get("deb-section"),
                            "--linux-package-deps",
                            opt.get("deb-depends")));
                } else {
                    args.addAll(List.of(
                            "--linux-rpm-license-type",
                            opt.get("license"),
                            "--linux-app-category",
                            opt.get("rpm-group"),
                            "--linux-package-deps",
                            opt.get("rpm-requires")));
                }
            }
            case "dmg" -> {} // everything it needs is in the app image
            case "msi" ->
                args.addAll(List.of(
                        "--win-menu",
                        "--win-menu-group",
                        opt.get("name"),
                        "--win-shortcut",
                        "--win-dir-chooser",
                        "--win-upgrade-uuid",
                        opt.get("win-upgrade-uuid")));
            default -> throw new IllegalArgumentException("unknown package type " + type);
        }
        tool("jpackage", args.toArray(String[]::new));
        return null;
    }

    /** This variant's earlier outputs (not the other variant's, which may live below). */
    private void cleanOutputs() throws IOException {
        if (!Files.isDirectory(out)) {
            return;
        }
        deleteTree(out.resolve(opt.get("name")));
        deleteTree(out.resolve(opt.get("name") + ".app"));
        try (Stream<Path> files = Files.list(out)) {
            for (Path p : files.filter(Files::isRegularFile).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * jpackage's templates to override: the desktop entry (installer/resources/linux; it names the
     * window class so docks match the window to the entry) and the icon, which a package built from
     * an app image only takes from here.
     */
    private Path linuxResources() throws IOException {
        Path dir = work.resolve("resources-linux");
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try (Stream<Path> files = Files.list(Path.of(opt.get("resources"), "linux"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            Files.copy(icon(), dir.resolve(opt.get("name") + ".png"));
        }
        return dir;
    }

    // --- settings ---

    private List<String> common(String type) {
        return new ArrayList<>(List.of(
                "--type",
                type,
                "--dest",
                out.toString(),
                "--name",
                opt.get("name"),
                "--app-version",
                numericVersion(opt.get("version")),
                "--vendor",
                opt.get("vendor"),
                "--description",
                opt.get("description"),
                "--copyright",
                opt.get("copyright")));
    }

    /** The pom's JVM flags, plus where the engine comes from. $APPDIR is expanded by the launcher. */
    private List<String> javaOptions() throws IOException {
        List<String> options = new ArrayList<>(words(opt.get("java-options")));
        if (!engineMode().equals("fetch")) {
            options.add("-Dcallscope.chdb.bundled=$APPDIR/native/libchdb.so");
        } else {
            String url = engineUrl();
            if (url != null) {
                options.add("-Dcallscope.chdb.url=" + url);
            }
        }
        return options;
    }

    /** "fetch" (on first use), "bundle" (the build fetches it into the package), or a libchdb path. */
    private String engineMode() {
        String mode = opt.getOrDefault("engine", "fetch");
        return mode.isBlank() || mode.equals("false") ? "fetch" : mode.equals("true") ? "bundle" : mode;
    }

    /** The library to bundle: a path given to the build, or the one callscope itself fetches. */
    private Path bundledEngine() throws IOException {
        if (!engineMode().equals("bundle")) {
            Path given = Path.of(engineMode());
            if (!Files.isRegularFile(given)) {
                throw new IOException("installer.engine=" + given + ": no such file");
            }
            return given;
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String printed = run(
                List.of(
                        java.toString(),
                        "-jar",
                        target.resolve(opt.get("main-jar")).toString(),
                        "fetch-engine"),
                30);
        return Path.of(printed.lines().reduce((a, b) -> b).orElseThrow().strip());
    }

    /**
     * Where an installed app downloads the engine when npm is absent: the pom's
     * installer.engine.url if set, else the address npm reports for the pinned package now. The
     * tarball is checked against the pinned hash either way.
     */
    private String engineUrl() {
        String given = opt.getOrDefault("engine-url", "");
        if (!given.isBlank()) {
            return given;
        }
        if (os != Os.LINUX) {
            return null; // chDB is published for Linux x86-64 only
        }
        String spec = opt.get("chdb-package") + "@" + opt.get("chdb-version");
        try {
            String url = run(List.of(os.npm(), "view", spec, "dist.tarball"), 2).strip();
            if (url.startsWith("https://")) {
                System.out.println("[installer] engine download address (from npm): " + url);
                return url;
            }
            System.out.println("[installer] npm view " + spec + " gave no address: " + url);
        } catch (IOException e) {
            System.out.println("[installer] npm not usable (" + e.getMessage() + ")");
        }
        System.out.println("[installer] the installed app will fetch the engine with npm if the user has it,"
                + " else explain how to connect to a server");
        return null;
    }

    private List<String> packageTypes() {
        String types = opt.getOrDefault("types", "");
        if (!types.isBlank()) {
            return list(types.replace(',', ' ')).stream()
                    .filter(t -> !t.equals("app-image"))
                    .toList();
        }
        return switch (os) {
            case LINUX -> onPath("rpmbuild") ? List.of("deb", "rpm") : List.of("deb");
            case MAC -> List.of("dmg");
            case WINDOWS -> List.of("msi");
        };
    }

    private Path icon() {
        return Path.of(
                opt.get("icons"),
                switch (os) {
                    case LINUX -> "callscope-256.png";
                    case MAC -> "callscope.icns";
                    case WINDOWS -> "callscope.ico";
                });
    }

    /** jpackage wants numbers only (MSI and RPM forbid a qualifier): 0.1.0-SNAPSHOT packages as 0.1.0. */
    static String numericVersion(String version) {
        return version.replaceFirst("[-+].*$", "");
    }

    // --- helpers ---

    @FunctionalInterface
    private interface Step<T> {
        T run() throws Exception;
    }

    private static <T> T step(String name, Step<T> body) throws Exception {
        long start = System.nanoTime();
        System.out.println("[installer] " + name + "…");
        T result = body.run();
        System.out.printf(Locale.ROOT, "[installer] %s: %.1f s%n", name, seconds(start));
        return result;
    }

    /** Runs a JDK tool in this JVM; returns its output, or fails with it. */
    private static String tool(String name, String... args) throws IOException {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(
                        () -> new IOException(name + " is not in this JDK (" + System.getProperty("java.home") + ")"));
        StringWriter text = new StringWriter();
        PrintWriter writer = new PrintWriter(text, true);
        int code = tool.run(writer, writer, args);
        if (code != 0) {
            throw new IOException(
                    name + " failed (" + code + "): " + text + "\n  arguments: " + String.join(" ", args));
        }
        return text.toString();
    }

    /** Runs a program; returns its standard output, or fails with its error output. */
    private static String run(List<String> command, int timeoutMinutes) throws IOException {
        Path log = Files.createTempFile("callscope-installer-", ".log");
        try {
            Process p = new ProcessBuilder(command).redirectError(log.toFile()).start();
            String stdout = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(command.getFirst() + " did not finish in " + timeoutMinutes + " min");
            }
            if (p.exitValue() != 0) {
                throw new IOException(String.join(" ", command) + " failed: "
                        + Files.readString(log).strip());
            }
            return stdout;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> !dir.isBlank() && Files.isExecutable(Path.of(dir, program)));
    }

    /** Module names, package types: separated by commas or spaces. */
    private static List<String> list(String spaceOrCommaSeparated) {
        return split(spaceOrCommaSeparated, "[\\s,]+");
    }

    /** JVM and jlink options: separated by spaces only (an option's value may hold commas). */
    private static List<String> words(String spaceSeparated) {
        return split(spaceSeparated, "\\s+");
    }

    private static List<String> split(String text, String separator) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(text.strip().split(separator))));
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong(p -> {
                        try {
                            return Files.size(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static double mb(long bytes) {
        return bytes / 1e6;
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private enum Os {
        LINUX,
        MAC,
        WINDOWS;

        static Os current() {
            String name = System.getProperty("os.name").toLowerCase(Locale.ROOT);
            return name.contains("mac") ? MAC : name.contains("win") ? WINDOWS : LINUX;
        }

        String npm() {
            return this == WINDOWS ? "npm.cmd" : "npm";
        }
    }
}
