package dev.callscope.callgraph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.callscope.cli.CallscopeCommand;
import dev.callscope.cost.Prices;
import dev.callscope.engine.Engine;
import dev.callscope.engine.Query;
import dev.callscope.ids.CallscopeIds;
import dev.callscope.schema.Schema;
import dev.callscope.testing.BothEngines;
import dev.callscope.testing.CallEvents;
import dev.callscope.testing.TestEngine;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A call tree by hand, embedded and over HTTP. Seconds from T0; every call runs warm on one H100
 * at $0.001/s (no cores, no memory), so a call's cost is its billed seconds / 1000. Now is T0+200.
 *
 * <pre>
 * r  request     0 → 100 ran 100 s
 * ├ t  transcribe  queued 1, ran 2 → 40 (38 s)
 * │ ├ e1 embed     queued 4, ran 5 → 15 (10 s), every event sent twice
 * │ ├ e2 embed     5: ran 6 → 10, failed; retried at 10, ran 12 → 38 (4 + 26 = 30 s), succeeded
 * │ ├ e3 embed     5.5 → 30.5 (25 s), failed
 * │ └ e4 embed     6 → no finish event: runs to now, 194 s; still running after t ended
 * ├ k  rerank      41 → 60 (19 s), events sent newest first
 * ├ d  rerank      50 → 150 (100 s): ended after r, so r did not wait for it
 * └ g  generate    61 → 99 (38 s)
 *   └ g1 embed     62 → 98 (36 s)
 * </pre>
 *
 * Critical path, walking back from r's end at 100: g ended last (99; d ended at 150, after r, so r
 * did not wait for it), and inside g, g1 (98); before g was queued (61), k ended (60); before k (41),
 * t (40), and inside t, e2 (38; e4 ran on past t's end); before e2 was queued (5) nothing had ended.
 * So r, t, e2, k, g, g1 in the order they were queued. Totals: t's subtree 5 calls, 1 failure (e3; e2's retry succeeded), billed 38 + 10 + 30
 * + 25 + 194 = 297 s, wall 1 → 200 = 199 s; r's 10 calls, 1 failure, billed 100 + 297 + 19 + 100 +
 * 38 + 36 = 590 s = $0.590, wall 0 → 200.
 */
class CallTreeTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant NOW = T0.plusSeconds(200);
    private static final Prices PRICES = new Prices(Map.of("H100", 0.001), 0, 0, false);
    private static final Map<String, String> IDS = new HashMap<>();
    private static final Map<String, String> BY_NAME = new HashMap<>();
    private static String db;
    private static BothEngines engines;

    private static Instant s(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    private static String id(String name, double enqueued, Random r) {
        String id = CallscopeIds.at(CallscopeIds.Kind.CALL, s(enqueued).toEpochMilli(), r);
        IDS.put(id, name);
        BY_NAME.put(name, id);
        return id;
    }

    @BeforeAll
    static void tree() throws Exception {
        Engine engine = TestEngine.shared();
        db = TestEngine.freshDatabase("calltree");
        engine.execute(Query.of("DROP DATABASE " + db));
        Schema.create(engine, db);
        CallEvents base = new CallEvents(engine, db);
        Random random = new Random(18);
        String r = id("r", 0, random);
        String t = id("t", 1, random);
        base.inTree("", r).warm("fu-01JTREEREQUEST00000000000", "request", r, s(0), s(0), s(100), "success");
        CallEvents underR = base.inTree(r, r);
        underR.warm("fu-01JTREETRANSCRIBE000000000", "transcribe", t, s(1), s(2), s(40), "success");
        CallEvents underT = base.inTree(t, r);
        String embed = "fu-01JTREEEMBED0000000000000";
        String e1 = id("e1", 4, random);
        underT.warm(embed, "embed", e1, s(4), s(5), s(15), "success");
        underT.warm(embed, "embed", e1, s(4), s(5), s(15), "success"); // delivered twice
        String e2 = id("e2", 5, random);
        underT.insert(embed, "embed", e2, "queued", s(5), 1, "", false, s(5), null, null, null, null, "pending");
        underT.insert(embed, "embed", e2, "started", s(6), 1, "ta-e", false, s(5), null, null, s(6), null, "pending");
        underT.insert(
                embed, "embed", e2, "finished", s(10), 1, "ta-e", false, s(5), null, null, s(6), s(10), "failure");
        underT.insert(embed, "embed", e2, "retried", s(10), 2, "", false, s(5), null, null, null, null, "pending");
        underT.insert(embed, "embed", e2, "started", s(12), 2, "ta-e", false, s(5), null, null, s(12), null, "pending");
        underT.insert(
                embed, "embed", e2, "finished", s(38), 2, "ta-e", false, s(5), null, null, s(12), s(38), "success");
        underT.warm(embed, "embed", id("e3", 5.5, random), s(5.5), s(5.5), s(30.5), "failure");
        underT.warm(embed, "embed", id("e4", 6, random), s(6), s(6), null, "success");
        String rerank = "fu-01JTREERERANK00000000000";
        String k = id("k", 41, random);
        underR.insert(
                rerank, "rerank", k, "finished", s(60), 1, "ta-k", false, s(41), null, null, s(41), s(60), "success");
        underR.insert(
                rerank, "rerank", k, "started", s(41), 1, "ta-k", false, s(41), null, null, s(41), null, "pending");
        underR.insert(rerank, "rerank", k, "queued", s(41), 1, "", false, s(41), null, null, null, null, "pending");
        underR.warm(rerank, "rerank", id("d", 50, random), s(50), s(50), s(150), "success");
        String g = id("g", 61, random);
        underR.warm("fu-01JTREEGENERATE0000000000", "generate", g, s(61), s(61), s(99), "success");
        base.inTree(g, r).warm(embed, "embed", id("g1", 62, random), s(62), s(62), s(98), "success");
        // a call outside any tree, and one of another tree, which must not be read into this one
        base.warm(embed, "embed", id("alone", 70, random), s(70), s(70), s(71), "success");
        String other = id("other", 3, random);
        base.inTree("", other).warm(embed, "embed", other, s(3), s(3), s(4), "success");
        // a writer that leaves a root's own root id empty (only its children name it)
        String bare = id("bare", 80, random);
        base.warm("fu-01JTREEREQUEST00000000000", "request", bare, s(80), s(80), s(90), "success");
        base.inTree(bare, bare).warm(embed, "embed", id("bare1", 81, random), s(81), s(81), s(89), "success");
        engines = BothEngines.start();
    }

    @AfterAll
    static void stop() {
        engines.close();
    }

    private static Engine engine(String which) {
        return engines.engine(which);
    }

    private static int node(CallTree tree, String name) {
        for (int i = 0; i < tree.nodes().size(); i++) {
            if (tree.nodes().get(i).call().callId().equals(BY_NAME.get(name))) {
                return i;
            }
        }
        throw new AssertionError("no " + name + " in the tree");
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void theTreeOfAnyOfItsCallsWithItsCriticalPathAndTotals(String which) {
        // opened from a grandchild: the whole tree of its root
        CallTreeQuery.Result result = new CallTreeQuery(db).load(engine(which), BY_NAME.get("e2"), NOW, PRICES);
        CallTree tree = result.tree();
        assertFalse(result.cut());
        assertEquals(
                List.of("r", "t", "e1", "e2", "e3", "e4", "k", "d", "g", "g1"),
                tree.nodes().stream().map(n -> IDS.get(n.call().callId())).toList(),
                "depth first, children by enqueue");
        assertEquals(
                List.of(0, 1, 2, 2, 2, 2, 1, 1, 1, 2),
                tree.nodes().stream().map(CallTree.Node::depth).toList());
        assertEquals("transcribe", tree.nodes().get(node(tree, "t")).functionName());
        assertEquals(0, tree.orphans());

        assertEquals(
                List.of("r", "t", "e2", "k", "g", "g1"),
                tree.criticalPath().stream()
                        .map(i -> IDS.get(tree.nodes().get(i).call().callId()))
                        .toList());

        CallTree.Totals t = tree.totals(node(tree, "t"));
        assertEquals(5, t.calls());
        assertEquals(1, t.failures(), "e3; e2's retry succeeded");
        assertEquals(Duration.ofSeconds(297), t.billed());
        assertEquals(Duration.ofSeconds(199), t.wall());
        assertEquals(0.297, t.cost(), 1e-9);
        CallTree.Totals e2 = tree.totals(node(tree, "e2"));
        assertEquals(Duration.ofSeconds(30), e2.billed(), "both attempts billed");
        assertEquals(Duration.ofSeconds(33), e2.wall());
        assertEquals(Duration.ofSeconds(10), tree.totals(node(tree, "e1")).billed(), "duplicates change nothing");
        assertEquals(Duration.ofSeconds(19), tree.totals(node(tree, "k")).billed(), "arrival order changes nothing");
        assertEquals(Duration.ofSeconds(194), tree.totals(node(tree, "e4")).billed(), "no finish event: to now");
        CallTree.Totals g = tree.totals(node(tree, "g"));
        assertEquals(2, g.calls());
        assertEquals(Duration.ofSeconds(74), g.billed());
        CallTree.Totals all = tree.totals(0);
        assertEquals(10, all.calls());
        assertEquals(1, all.failures());
        assertEquals(Duration.ofSeconds(590), all.billed());
        assertEquals(Duration.ofSeconds(200), all.wall());
        assertEquals(0.590, all.cost(), 1e-9);
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aCallOutsideAnyTreeIsATreeOfOneAndAnUnknownIdIsEmpty(String which) {
        CallTree alone = new CallTreeQuery(db)
                .load(engine(which), BY_NAME.get("alone"), NOW, PRICES)
                .tree();
        assertEquals(1, alone.nodes().size());
        assertEquals(List.of(0), alone.criticalPath());
        assertEquals(Duration.ofSeconds(1), alone.totals(0).billed());
        assertTrue(new CallTreeQuery(db)
                .load(engine(which), "fc-01JNOSUCHCALL0000000000000", NOW, PRICES)
                .tree()
                .isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"embedded", "http"})
    void aRootWhoseEventsDoNotNameItsTreeIsStillItsRoot(String which) {
        for (String from : List.of("bare", "bare1")) {
            CallTree tree = new CallTreeQuery(db)
                    .load(engine(which), BY_NAME.get(from), NOW, PRICES)
                    .tree();
            assertEquals(
                    List.of("bare", "bare1"),
                    tree.nodes().stream().map(n -> IDS.get(n.call().callId())).toList(),
                    "opened from " + from);
            assertEquals(Duration.ofSeconds(18), tree.totals(0).billed());
        }
    }

    @org.junit.jupiter.api.Test
    void theCommandLineWritesTheTreeAsCsvOneRowPerCall(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path prices = dir.resolve("prices.json");
        Files.writeString(
                prices, "{\"gpuPerSecond\": {\"H100\": 0.001}, \"cpuCorePerSecond\": 0, \"memoryGibPerSecond\": 0}");
        Path out = dir.resolve("tree.csv");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "export",
                        "call-graph",
                        "--call",
                        BY_NAME.get("g1"),
                        "--prices",
                        prices.toString(),
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--out",
                        out.toString()));
        List<String> lines = Files.readAllLines(out);
        assertEquals(CallTreeCsv.HEADER, List.of(lines.getFirst().split(",")));
        assertEquals(11, lines.size(), "a row per call of the tree");
        Map<String, String[]> rows = new HashMap<>();
        lines.stream().skip(1).forEach(l -> rows.put(IDS.get(l.split(",", -1)[0]), l.split(",", -1)));
        int critical = CallTreeCsv.HEADER.indexOf("critical_path");
        assertEquals(
                List.of("e2", "g", "g1", "k", "r", "t"),
                rows.entrySet().stream()
                        .filter(e -> e.getValue()[critical].equals("true"))
                        .map(Map.Entry::getKey)
                        .sorted()
                        .toList());
        // the command line counts to the data's now, just after its newest event (d's finish at 150 s):
        // e4, with no finish event, is billed 6 → 150.001 s = 144.001 s, so 540.001 s in all
        assertEquals(0.540001, Double.parseDouble(rows.get("r")[CallTreeCsv.HEADER.indexOf("subtree_cost_usd")]), 1e-9);
        assertEquals(
                0.100,
                Double.parseDouble(rows.get("r")[CallTreeCsv.HEADER.indexOf("cost_usd")]),
                1e-9,
                "its own run only");
        assertEquals("30.000000", rows.get("e2")[CallTreeCsv.HEADER.indexOf("billed_s")]);
        assertEquals(BY_NAME.get("t"), rows.get("e2")[CallTreeCsv.HEADER.indexOf("parent_call_id")]);
        assertEquals("true", rows.get("e4")[CallTreeCsv.HEADER.indexOf("no_finish_event")]);
        assertEquals(
                2,
                CallscopeCommand.run(
                        "export",
                        "call-graph",
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--out",
                        dir.resolve("x.csv").toString()),
                "--call is needed");
        // the waterfall as the tab draws it: a row per call here (no fan-out of ten), as tall as they need
        Path png = dir.resolve("tree.png");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "export",
                        "call-graph",
                        "--call",
                        BY_NAME.get("r"),
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--width",
                        "1000",
                        "--out",
                        png.toString()));
        BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(1000, image.getWidth());
        assertEquals(
                (int) Math.max(300, WaterfallPainter.AXIS_HEIGHT + 11 * WaterfallPainter.ROW_HEIGHT),
                image.getHeight());
        Path svg = dir.resolve("tree.svg");
        assertEquals(
                0,
                CallscopeCommand.run(
                        "export",
                        "call-graph",
                        "--call",
                        BY_NAME.get("r"),
                        "--database",
                        db,
                        "--url",
                        engines.url(),
                        "--quiet",
                        "--out",
                        svg.toString()));
        String text = Files.readString(svg);
        assertTrue(
                text.contains(">request<") && text.contains(">transcribe<") && text.contains(">embed · failure<"),
                "labels");
    }
}
