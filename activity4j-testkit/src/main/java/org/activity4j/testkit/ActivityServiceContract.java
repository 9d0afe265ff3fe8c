package org.activity4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityImportException;
import org.activity4j.core.ActivityNotFoundException;
import org.activity4j.core.ActivityService;
import org.activity4j.core.ActivityStatusChangeException;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.Computer;
import org.activity4j.core.JsonValue;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryParser;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link ActivityStore} shares: what each query key selects, the order and paging of
 * {@code getActivities}, all-or-nothing cancel and approve, the lifecycle, and accounts that never see each
 * other. An implementation's test extends it and says how to make an empty store.
 *
 * <pre>{@code
 * class InMemoryActivityStoreTest extends ActivityServiceContract {
 *     @Override
 *     protected ActivityStore newStore(TestClock clock) {
 *         return ActivityStores.inMemory(clock);
 *     }
 * }
 * }</pre>
 */
public abstract class ActivityServiceContract {
    protected static final Person JANE = new Person(5, "Jane Doe", "jane@example.com");
    protected static final Person JOHN = new Person(6, "John Roe", "john@example.org");
    protected static final Computer LAPTOP = Computer.builder(1, "laptop1.example.com")
            .title("Jane's laptop")
            .tags(Set.of("laptop", "dev"))
            .distribution("jammy")
            .annotation("env", "dev")
            .needsReboot(true)
            .build();
    protected static final Computer SERVER = Computer.builder(2, "web1.example.com")
            .title("Café box")
            .tags(Set.of("server", "web"))
            .accessGroup("servers")
            .distribution("noble")
            .annotation("env", "prod")
            .alerts(Set.of("package-upgrades"))
            .build();
    protected static final Computer DESKTOP = Computer.builder(3, "desk3").build();

    protected TestClock clock;
    protected ActivityStore store;

    /** An empty store (no computers, people or activities) whose times come from {@code clock}. */
    protected abstract ActivityStore newStore(TestClock clock);

    @BeforeEach
    void emptyStoreWithPeopleAndComputers() {
        clock = TestClock.at("2024-05-01T10:00:00Z");
        store = newStore(clock);
        register(store);
    }

    protected static void register(ActivityStore s) {
        s.registerPerson(JANE);
        s.registerPerson(JOHN);
        s.registerComputer(LAPTOP);
        s.registerComputer(SERVER);
        s.registerComputer(DESKTOP);
    }

    /** Creates an activity one minute after the previous one. */
    protected Activity create(NewActivity.Builder builder) {
        clock.advance(Duration.ofMinutes(1));
        return store.createActivity(builder.build());
    }

    protected static NewActivity.Builder activity(String type, Person creator) {
        return NewActivity.builder(type, creator.id()).summary(type + " by " + creator.name());
    }

    protected List<Long> ids(String query) {
        return ids(store.getActivities(QueryCriteria.parse(query), ActivityService.MAX_LIMIT, 0));
    }

    protected static List<Long> ids(List<Activity> activities) {
        return activities.stream().map(Activity::id).collect(Collectors.toList());
    }

    // --- Listing, order and paging

    @Test
    void theEmptyQueryListsEveryActivityNewestFirst() {
        Activity a = create(activity("RestartRequest", JANE).computerId(1));
        Activity b = create(activity("ShutdownRequest", JOHN).computerId(2));
        Activity c = create(activity("SyncPocketRequest", JANE));

        assertThat(ids(store.getActivities(QueryCriteria.all()))).containsExactly(c.id(), b.id(), a.id());
    }

    @Test
    void activitiesCreatedAtTheSameInstantAreOrderedByIdDescending() {
        List<Activity> created = store.createActivities(List.of(
                activity("RestartRequest", JANE).build(),
                activity("RestartRequest", JANE).build(),
                activity("RestartRequest", JANE).build()));

        assertThat(ids(store.getActivities(QueryCriteria.all())))
                .containsExactly(
                        created.get(2).id(), created.get(1).id(), created.get(0).id());
    }

    @Test
    void limitAndOffsetCutPagesOutOfTheOrder() {
        List<Long> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            newestFirst.add(0, create(activity("RestartRequest", JANE)).id());
        }

        assertThat(ids(store.getActivities(QueryCriteria.all(), 3, 0))).isEqualTo(newestFirst.subList(0, 3));
        assertThat(ids(store.getActivities(QueryCriteria.all(), 3, 3))).isEqualTo(newestFirst.subList(3, 6));
        assertThat(ids(store.getActivities(QueryCriteria.all(), 3, 6))).isEqualTo(newestFirst.subList(6, 7));
        assertThat(store.getActivities(QueryCriteria.all(), 3, 7)).isEmpty();
        assertThat(store.getActivities(QueryCriteria.all(), 0, 0)).isEmpty();
    }

    @Test
    void badLimitsAndOffsetsAreRefused() {
        assertThatThrownBy(() -> store.getActivities(QueryCriteria.all(), -1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> store.getActivities(QueryCriteria.all(), ActivityService.MAX_LIMIT + 1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("10001");
        assertThatThrownBy(() -> store.getActivities(QueryCriteria.all(), 10, -5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-5");
    }

    // --- Streaming (streamActivities)

    /** Eleven activities a minute apart, then a batch of ten at one instant, then four more: 25 in all. */
    protected List<Activity> createStreamable() {
        List<Activity> created = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            created.add(create(activity(i % 2 == 0 ? "RestartRequest" : "ShutdownRequest", JANE)
                    .computerId(i % 3 == 0 ? 2 : 1)));
        }
        clock.advance(Duration.ofMinutes(1));
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            batch.add(activity("RestartRequest", JOHN).computerId(2).build());
        }
        created.addAll(store.createActivities(batch));
        for (int i = 0; i < 4; i++) {
            created.add(create(activity("SyncPocketRequest", JOHN)));
        }
        return created;
    }

    protected List<Activity> streamed(QueryCriteria query, int pageSize) {
        try (Stream<Activity> s = store.streamActivities(query, pageSize)) {
            return s.collect(Collectors.toList());
        }
    }

    @Test
    void streamYieldsWhatOneBigPageListsAcrossPageBoundaries() {
        createStreamable();
        for (String q : List.of(
                "",
                "computer:tag:server",
                "type:RestartRequest",
                "NOT status:canceled",
                "john",
                "JOHN OR restart OR x")) {
            QueryCriteria query = QueryCriteria.parse(q);
            List<Activity> onePage = store.getActivities(query, ActivityService.MAX_LIMIT, 0);
            assertThat(onePage).as(q).isNotEmpty();
            for (int pageSize : List.of(1, 3, 4, 5, 25, ActivityService.MAX_LIMIT)) {
                assertThat(streamed(query, pageSize)).as(q + " by " + pageSize).isEqualTo(onePage);
            }
            try (Stream<Activity> s = store.streamActivities(query)) {
                assertThat(s.collect(Collectors.toList())).as(q).isEqualTo(onePage);
            }
        }
    }

    @Test
    void streamOfNothingIsEmpty() {
        assertThat(streamed(QueryCriteria.all(), 3)).isEmpty();
        createStreamable();
        assertThat(streamed(QueryCriteria.parse("status:failed"), 3)).isEmpty();
        assertThat(streamed(QueryCriteria.parse("computer:tag:nosuchtag"), 3)).isEmpty();
    }

    @Test
    void streamSkipsActivitiesCreatedWhileItRunsAndRepeatsNone() {
        createStreamable();
        List<Activity> expected = store.getActivities(QueryCriteria.all(), ActivityService.MAX_LIMIT, 0);
        List<Activity> seen = new ArrayList<>();
        try (Stream<Activity> s = store.streamActivities(QueryCriteria.all(), 4)) {
            Iterator<Activity> it = s.iterator();
            for (int i = 0; i < 6; i++) {
                seen.add(it.next());
            }
            for (int i = 0; i < 5; i++) {
                create(activity("RestartRequest", JANE));
            }
            store.createActivities(List.of(activity("RestartRequest", JOHN).build()));
            it.forEachRemaining(seen::add);
        }
        assertThat(ids(seen)).isEqualTo(ids(expected)).doesNotHaveDuplicates();
    }

    @Test
    void aStreamShowsEachActivityAsItsPageReadIt() {
        List<Activity> created = createStreamable();
        Activity oldest = created.get(0);
        List<Activity> seen = new ArrayList<>();
        try (Stream<Activity> s = store.streamActivities(QueryCriteria.all(), 5)) {
            Iterator<Activity> it = s.iterator();
            seen.add(it.next());
            store.cancelActivities(QueryCriteria.id(oldest.id()));
            it.forEachRemaining(seen::add);
        }
        assertThat(seen).hasSize(created.size());
        assertThat(seen.get(seen.size() - 1).id()).isEqualTo(oldest.id());
        assertThat(seen.get(seen.size() - 1).status()).isEqualTo(ActivityStatus.CANCELED);
    }

    @Test
    void aStreamClosedEarlyLeavesTheStoreUsable() {
        List<Activity> created = createStreamable();
        List<Activity> firstTwo;
        try (Stream<Activity> s = store.streamActivities(QueryCriteria.all(), 3)) {
            firstTwo = s.limit(2).collect(Collectors.toList());
        }
        assertThat(ids(firstTwo))
                .containsExactly(created.get(24).id(), created.get(23).id());
        assertThat(store.getActivities(QueryCriteria.all(), ActivityService.MAX_LIMIT, 0))
                .hasSize(25);
        assertThat(store.streamActivities(QueryCriteria.all(), 7).count()).isEqualTo(25);
    }

    @Test
    void badPageSizesAreRefused() {
        for (int bad : List.of(0, -1, ActivityService.MAX_LIMIT + 1)) {
            assertThatThrownBy(() -> store.streamActivities(QueryCriteria.all(), bad))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("pageSize")
                    .hasMessageContaining(Integer.toString(bad));
        }
    }

    @Test
    void activitiesKeepEveryFieldTheyWereCreatedWith() {
        JsonValue changes = JsonValue.parse("[{\"package\":\"python-twisted-conch\",\"type\":\"install\","
                + "\"version\":\"1:0.8.0-1\",\"complemented\":false}]");
        Activity parent = create(activity("ActivityGroup", JANE));
        Activity created = create(activity("ChangePackagesRequest", JANE)
                .computerId(1)
                .parentId(parent.id())
                .summary("Install packages python-twisted-conch")
                .detail("package_ids", JsonValue.parse("[36, 1127]"))
                .detail("changes", changes)
                .detail("pocket_name", JsonValue.of("release")));

        Activity read = store.activity(created.id()).orElseThrow();

        assertThat(read).isEqualTo(created);
        assertThat(read.creator()).isEqualTo(JANE);
        assertThat(read.parentId()).hasValue(parent.id());
        assertThat(read.computerId()).hasValue(1);
        assertThat(read.status()).isEqualTo(ActivityStatus.UNDELIVERED);
        assertThat(read.creationTime()).isEqualTo(clock.instant());
        assertThat(read.details()).containsOnlyKeys("package_ids", "changes", "pocket_name");
        assertThat(read.details().get("changes")).isEqualTo(changes);
        assertThat(ids(store.getActivities(QueryCriteria.id(created.id())))).containsExactly(created.id());
    }

    @Test
    void theCreatorIsShownAsCurrentlyRegistered() {
        Activity a = create(activity("RestartRequest", JANE));
        Person renamed = new Person(JANE.id(), "Jane Smith", "jane.smith@example.com");
        store.registerPerson(renamed);

        assertThat(store.activity(a.id()).orElseThrow().creator()).isEqualTo(renamed);
        assertThat(ids("creator:jane.smith@example.com")).containsExactly(a.id());
        assertThat(ids("creator:jane@example.com")).isEmpty();
    }

    @Test
    void activityTypesAreTheKnownOnesAndThoseInTheStoreSorted() {
        create(activity("ZzzCustomRequest", JANE));
        create(activity("ExecuteScriptRequest", JANE));

        List<String> types = store.getActivityTypes();

        assertThat(types)
                .contains("ChangePackagesRequest", "RestartRequest", "ZzzCustomRequest", "ExecuteScriptRequest");
        assertThat(types).isSorted().doesNotHaveDuplicates();
    }

    // --- What each key selects

    @Test
    void eachActivityKeySelectsWhatItSays() {
        Activity parent = create(activity("ActivityGroup", JANE));
        Activity restart = create(activity("RestartRequest", JANE).computerId(1).parentId(parent.id()));
        Activity upgrade =
                create(activity("ChangePackagesRequest", JOHN).computerId(2).summary("Upgrade WEB packages"));
        Activity sync = create(activity("SyncPocketRequest", JOHN).requiresApproval(true));

        assertThat(ids("id:" + restart.id())).containsExactly(restart.id());
        assertThat(ids("parent-id:" + parent.id())).containsExactly(restart.id());
        assertThat(ids("status:unapproved")).containsExactly(sync.id());
        assertThat(ids("status:undelivered")).containsExactly(upgrade.id(), restart.id(), parent.id());
        assertThat(ids("creator:john@example.org")).containsExactly(sync.id(), upgrade.id());
        assertThat(ids("creator:JOHN@Example.ORG")).containsExactly(sync.id(), upgrade.id());
        assertThat(ids("type:RestartRequest")).containsExactly(restart.id());
        assertThat(ids("type:restartrequest")).isEmpty();
        assertThat(ids("upgrade")).containsExactly(upgrade.id());
        assertThat(ids("\"web packages\"")).containsExactly(upgrade.id());
        assertThat(ids("NOT status:undelivered")).containsExactly(sync.id());
        assertThat(ids("type:RestartRequest OR type:SyncPocketRequest")).containsExactly(sync.id(), restart.id());
        assertThat(ids("creator:john@example.org NOT status:unapproved")).containsExactly(upgrade.id());
    }

    @Test
    void aBareWordMatchesAnyPartOfTheSummaryWhateverItsLength() {
        // One unspaced word of 600 characters: a bare word must find it from every position and at every
        // length, however the store indexes long words.
        StringBuilder text = new StringBuilder();
        for (int i = 0; text.length() < 600; i++) {
            text.append(Integer.toString(100_000 + i * 7919, 36));
        }
        String longWord = text.substring(0, 600);
        String tail = longWord.substring(300);
        Activity whole = create(activity("ScriptRequest", JANE).summary("Run  " + longWord.toUpperCase() + " now"));
        Activity half = create(activity("ScriptRequest", JANE).summary("Run " + tail));

        for (int start : new int[] {0, 1, 100, 127, 128, 129, 200, 255, 256, 257, 300, 383, 384, 471, 472, 500}) {
            for (int length : new int[] {1, 5, 100, 128, 129, 300}) {
                if (start + length <= longWord.length()) {
                    String word = longWord.substring(start, start + length);
                    assertThat(ids(word))
                            .as("%d characters from %d", length, start)
                            .containsExactlyElementsOf(
                                    tail.contains(word) ? List.of(half.id(), whole.id()) : List.of(whole.id()));
                }
            }
        }
        assertThat(ids("\"run  " + longWord.substring(0, 3) + "\"")).containsExactly(whole.id());
        assertThat(ids(longWord + "x")).isEmpty();
    }

    @Test
    void aBareWordInThousandsOfSummariesPagesLikeAnyOtherQuery() {
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < 6_000; i++) {
            batch.add(activity("ScriptRequest", i % 2 == 0 ? JANE : JOHN)
                    .summary((i % 3 == 0 ? "Common" : "common") + " step " + i + (i % 2 == 0 ? " even" : "")
                            + (i % 1000 == 0 ? " rare" : ""))
                    .build());
        }
        List<Long> created = new ArrayList<>();
        for (int from = 0; from < batch.size(); from += 1500) {
            clock.advance(Duration.ofMinutes(1));
            created.addAll(ids(store.createActivities(batch.subList(from, from + 1500))));
        }
        // Later batches, and higher ids within one, come first.
        List<Long> all = new ArrayList<>();
        List<Long> even = new ArrayList<>();
        for (int i = created.size() - 1; i >= 0; i--) {
            all.add(created.get(i));
            if (i % 2 == 0) {
                even.add(created.get(i));
            }
        }

        for (String word : List.of("common", "COMMON", "ommo", "step")) {
            QueryCriteria query = QueryCriteria.parse(word);
            assertThat(ids(store.getActivities(query, 20, 0))).containsExactlyElementsOf(all.subList(0, 20));
            assertThat(ids(store.getActivities(query, 30, 5_980))).containsExactlyElementsOf(all.subList(5_980, 6_000));
        }
        QueryCriteria evens = QueryCriteria.parse("EVEN");
        assertThat(ids(store.getActivities(evens, 20, 0))).containsExactlyElementsOf(even.subList(0, 20));
        assertThat(ids(store.getActivities(evens, 20, 1_500))).containsExactlyElementsOf(even.subList(1_500, 1_520));
        assertThat(ids(store.getActivities(evens, 20, 2_990))).containsExactlyElementsOf(even.subList(2_990, 3_000));
        assertThat(ids("rare"))
                .containsExactly(
                        created.get(5000),
                        created.get(4000),
                        created.get(3000),
                        created.get(2000),
                        created.get(1000),
                        created.get(0));
        assertThat(ids("\"step 599\""))
                .containsExactlyElementsOf(Stream.of(5999, 5998, 5997, 5996, 5995, 5994, 5993, 5992, 5991, 5990, 599)
                        .map(created::get)
                        .toList());
    }

    @Test
    void concurrentCreatesOfActivitiesWithTheSameNewWordsAllLand() throws Exception {
        int threads = 8;
        int batches = 25;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int b = 0; b < batches; b++) {
                        // Every thread brings the same new words at about the same time, in its own order.
                        List<String> words =
                                new ArrayList<>(List.of("new" + b + "x", "fresh" + b + "x", "novel" + b + "x"));
                        java.util.Collections.rotate(words, thread);
                        store.createActivities(List.of(
                                activity("ScriptRequest", JANE)
                                        .summary(String.join(" ", words))
                                        .build(),
                                activity("ScriptRequest", JOHN)
                                        .summary("thread" + thread + " " + words.get(2))
                                        .build()));
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // Each batch: one activity with the three words from every thread, and one with the last of that
        // thread's order: "novel" for threads 0, 3 and 6, "fresh" for 1, 4 and 7, "new" for 2 and 5.
        assertThat(ids("")).hasSize(threads * batches * 2);
        for (int b = 0; b < batches; b++) {
            assertThat(ids("NEW" + b + "x")).as("new%dx", b).hasSize(threads + 2);
            assertThat(ids("fresh" + b + "x")).as("fresh%dx", b).hasSize(threads + 3);
            assertThat(ids("ovel" + b + "x")).as("novel%dx", b).hasSize(threads + 3);
        }
        assertThat(ids("thread7")).hasSize(batches);
    }

    @Test
    void partialDatesSelectFromTheirFirstInstant() {
        clock.set(Instant.parse("2011-01-31T23:59:00Z"));
        Activity midnight = create(activity("RestartRequest", JANE)); // 2011-02-01T00:00
        clock.set(Instant.parse("2011-01-31T23:58:00Z"));
        Activity lastOfJanuary = create(activity("RestartRequest", JANE)); // 23:59
        clock.set(Instant.parse("2011-02-01T10:29:00Z"));
        Activity feb = create(activity("RestartRequest", JANE)); // 10:30

        assertThat(ids("created-after:2011-02")).containsExactlyInAnyOrder(midnight.id(), feb.id());
        assertThat(ids("created-before:2011-02")).containsExactly(lastOfJanuary.id());
        assertThat(ids("created-after:2011-02-01T10:30")).containsExactly(feb.id());
        assertThat(ids("created-before:2011-02-01T10:30")).containsExactlyInAnyOrder(midnight.id(), lastOfJanuary.id());
        assertThat(ids("created-after:2011-02-01T10:30:01")).isEmpty();
    }

    @Test
    void longQueriesOfOneKeyAndRepeatedTermsMatchWhatTheirTermsMatch() {
        Activity onLaptop =
                create(activity("RestartRequest", JANE).computerId(1).summary("reboot now"));
        Activity onServer =
                create(activity("ChangePackagesRequest", JANE).computerId(2).summary("Upgrade web"));
        Activity onDesktop =
                create(activity("RestartRequest", JOHN).computerId(3).summary("reboot later"));
        Activity accountWide = create(activity("SyncPocketRequest", JANE).requiresApproval(true));

        // Thousands of terms of one key that match nothing, around the few that do, up to the parser's limit.
        assertThat(ids(manyOr("computer:id:", 1_000, "computer:id:3 OR computer:id:1")))
                .containsExactly(onDesktop.id(), onLaptop.id());
        assertThat(ids(manyOr("computer:tag:t", 1_000, "computer:tag:laptop"))).containsExactly(onLaptop.id());
        assertThat(ids(manyOr("type:T", 1_000, "type:SyncPocketRequest OR type:ChangePackagesRequest")))
                .containsExactly(accountWide.id(), onServer.id());
        assertThat(ids(manyOr("w", 1_000, "UPGRADE OR later"))).containsExactly(onDesktop.id(), onServer.id());
        assertThat(ids(manyOr("status:", 0, "status:unapproved OR status:undelivered OR status:unapproved")))
                .containsExactly(accountWide.id(), onDesktop.id(), onServer.id(), onLaptop.id());
        StringBuilder longest = new StringBuilder("reboot");
        while (longest.length() < QueryParser.DEFAULT_MAX_LENGTH - 20) {
            longest.append(" OR nothing").append(longest.length());
        }
        assertThat(ids(longest.toString())).containsExactly(onDesktop.id(), onLaptop.id());
        // Negated terms of one key; an activity without a computer is on none of them.
        assertThat(ids("NOT computer:id:1 NOT computer:id:2 NOT computer:id:9"))
                .containsExactly(accountWide.id(), onDesktop.id());
        assertThat(ids("NOT computer:tag:laptop NOT computer:tag:web"))
                .containsExactly(accountWide.id(), onDesktop.id());
        assertThat(ids("NOT reboot NOT web")).containsExactly(accountWide.id());
        assertThat(ids("NOT type:RestartRequest NOT type:SyncPocketRequest")).containsExactly(onServer.id());
        assertThat(ids("NOT status:unapproved NOT status:failed"))
                .containsExactly(onDesktop.id(), onServer.id(), onLaptop.id());
        // Repeats, a term with its negation, a clause implied by another.
        assertThat(ids("reboot OR reboot NOT web OR web computer:id:1 OR NOT computer:id:1"))
                .containsExactly(onDesktop.id(), onLaptop.id());
        assertThat(ids("computer:id:3 computer:id:3 OR type:SyncPocketRequest")).containsExactly(onDesktop.id());
        assertThat(ids("type:RestartRequest OR NOT type:RestartRequest"))
                .containsExactly(accountWide.id(), onDesktop.id(), onServer.id(), onLaptop.id());
        assertThat(ids("NOT computer:id:1 OR computer:id:1 OR NOT computer:id:9"))
                .containsExactly(accountWide.id(), onDesktop.id(), onServer.id(), onLaptop.id());
    }

    @Test
    void anOrOfWordsLongerThanTheWordIndexWindowMatchesWhatContainsMeans() {
        StringBuilder digits = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            digits.append(String.format("%03d", i));
        }
        String word = digits.toString(); // 300 characters without space
        Activity withWord = create(activity("RestartRequest", JANE).summary("reboot " + word + " now"));
        create(activity("RestartRequest", JANE).summary("reboot " + word.substring(0, 250)));
        // 150 characters from the 120th: inside the word, but across both 256-character windows of it.
        String across = word.substring(120, 270);
        String offByOne = across.substring(0, 149) + "x";

        assertThat(ids("nothing OR " + across)).containsExactly(withWord.id());
        assertThat(ids(across.toUpperCase(java.util.Locale.ROOT) + " OR nothing"))
                .containsExactly(withWord.id());
        assertThat(ids("nothing OR " + offByOne)).isEmpty();
        assertThat(ids(offByOne)).isEmpty();
        assertThat(ids(across)).containsExactly(withWord.id());
        try (Stream<Activity> s = store.streamActivities(QueryCriteria.parse("nothing OR " + across), 1)) {
            assertThat(ids(s.collect(Collectors.toList()))).containsExactly(withWord.id());
        }
    }

    /** {@code last} ORed after {@code n} terms {@code prefix + i} (i from 1000, matching nothing). */
    private static String manyOr(String prefix, int n, String last) {
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < n; i++) {
            q.append(prefix).append(1_000 + i).append(" OR ");
        }
        return q.append(last).toString();
    }

    @Test
    void computerCriteriaSelectThroughTheActivitysComputer() {
        Activity onLaptop = create(activity("RestartRequest", JANE).computerId(1));
        Activity onServer = create(activity("RestartRequest", JANE).computerId(2));
        Activity onDesktop = create(activity("RestartRequest", JANE).computerId(3));
        Activity accountWide = create(activity("SyncPocketRequest", JANE));

        assertThat(ids("computer:id:2")).containsExactly(onServer.id());
        assertThat(ids("computer:tag:laptop")).containsExactly(onLaptop.id());
        assertThat(ids("computer:tag:web OR computer:tag:dev")).containsExactly(onServer.id(), onLaptop.id());
        assertThat(ids("computer:hostname:WEB1.example.com")).containsExactly(onServer.id());
        assertThat(ids("computer:title:\"CAFÉ BOX\"")).isEmpty(); // only ASCII letters fold
        assertThat(ids("computer:title:\"CAFé BOX\"")).containsExactly(onServer.id());
        assertThat(ids("computer:distribution:jammy")).containsExactly(onLaptop.id());
        assertThat(ids("computer:access-group:servers")).containsExactly(onServer.id());
        assertThat(ids("computer:access-group:global")).containsExactly(onDesktop.id(), onLaptop.id());
        assertThat(ids("computer:alert:package-upgrades")).containsExactly(onServer.id());
        assertThat(ids("computer:needs:reboot")).containsExactly(onLaptop.id());
        assertThat(ids("computer:annotation:env")).containsExactly(onServer.id(), onLaptop.id());
        assertThat(ids("computer:annotation:env:prod")).containsExactly(onServer.id());
        assertThat(ids("computer:DESK")).containsExactly(onDesktop.id());
        assertThat(ids("computer:laptop")).containsExactly(onLaptop.id());
        assertThat(ids("NOT computer:tag:laptop")).containsExactly(accountWide.id(), onDesktop.id(), onServer.id());
    }

    @Test
    void computerCriteriaFollowTheComputersCurrentTags() {
        List<Long> onLaptop = new ArrayList<>();
        List<Long> onServer = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            onLaptop.add(
                    0,
                    create(activity("RestartRequest", JANE).computerId(LAPTOP.id()))
                            .id());
            onServer.add(
                    0,
                    create(activity("RestartRequest", JOHN).computerId(SERVER.id()))
                            .id());
        }

        store.registerComputer(Computer.builder(LAPTOP.id(), LAPTOP.hostname())
                .tags(Set.of("dev", "travel"))
                .build());
        store.registerComputer(Computer.builder(SERVER.id(), SERVER.hostname())
                .title("Renamed")
                .tags(SERVER.tags())
                .build());
        Activity later = create(activity("RestartRequest", JANE).computerId(LAPTOP.id()));
        onLaptop.add(0, later.id());

        assertThat(ids("computer:tag:laptop")).isEmpty();
        assertThat(ids("computer:tag:travel")).containsExactlyElementsOf(onLaptop);
        assertThat(ids("computer:tag:dev")).containsExactlyElementsOf(onLaptop);
        assertThat(ids("computer:tag:web")).containsExactlyElementsOf(onServer);
        assertThat(ids(store.getActivities(QueryCriteria.parse("computer:tag:travel"), 3, 2)))
                .containsExactlyElementsOf(onLaptop.subList(2, 5));

        store.registerComputer(LAPTOP);
        assertThat(ids("computer:tag:travel")).isEmpty();
        assertThat(ids("computer:tag:laptop")).containsExactlyElementsOf(onLaptop);
    }

    @Test
    void tagQueriesStayRightWhileComputersAreRetaggedAndGetActivities() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        long computer = 1 + (i + thread) % 3;
                        store.createActivities(List.of(
                                activity("RestartRequest", JANE)
                                        .computerId(computer)
                                        .build(),
                                activity("RestartRequest", JOHN)
                                        .computerId(1 + computer % 3)
                                        .build()));
                    }
                    return null;
                }));
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 60; i++) {
                        long computer = 1 + (i + thread) % 3;
                        store.registerComputer(Computer.builder(computer, "host" + computer)
                                .tags(i % 2 == 0 ? Set.of("red", "shared") : Set.of("blue", "shared"))
                                .build());
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get(2, java.util.concurrent.TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        // Each tag's page, from whatever a store keeps for one tag, equals the same tag asked through an OR.
        for (String tag : List.of("red", "blue", "shared", "laptop")) {
            String one = "computer:tag:" + tag;
            assertThat(ids(one)).as(tag).containsExactlyElementsOf(ids(one + " OR " + one));
        }
        assertThat(ids("computer:tag:shared")).hasSize(240);
    }

    // --- Cancel and approve

    @Test
    void cancelChangesEverySelectedActivity() {
        Activity a = create(activity("RestartRequest", JANE).computerId(2));
        Activity b = create(activity("RestartRequest", JANE).computerId(2).requiresApproval(true));
        Activity other = create(activity("RestartRequest", JANE).computerId(1));
        clock.advance(Duration.ofMinutes(1));

        List<Long> canceled = store.cancelActivities(QueryCriteria.parse("computer:tag:server"));

        assertThat(canceled).containsExactly(a.id(), b.id());
        Activity read = store.activity(a.id()).orElseThrow();
        assertThat(read.status()).isEqualTo(ActivityStatus.CANCELED);
        assertThat(read.modificationTime()).isEqualTo(clock.instant());
        assertThat(read.completionTime()).contains(clock.instant());
        assertThat(store.activity(other.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNDELIVERED);
    }

    @Test
    void cancelIsAllOrNothing() {
        Activity undelivered = create(activity("RestartRequest", JANE).computerId(2));
        Activity delivered = create(activity("RestartRequest", JANE).computerId(2));
        store.markDelivered(delivered.id());
        Activity done = create(activity("RestartRequest", JANE).computerId(2));
        store.markDelivered(done.id());
        store.complete(done.id(), true, "ok", 0);

        ActivityStatusChangeException e = catchThrowableOfType(
                ActivityStatusChangeException.class,
                () -> store.cancelActivities(QueryCriteria.parse("computer:tag:server")));

        assertThat(e.reasons())
                .containsExactly(
                        Map.entry(delivered.id(), "cannot be canceled: it is delivered"),
                        Map.entry(done.id(), "cannot be canceled: it is succeeded"));
        assertThat(e.toLines())
                .isEqualTo(delivered.id() + " => cannot be canceled: it is delivered\n" + done.id()
                        + " => cannot be canceled: it is succeeded");
        assertThat(store.activity(undelivered.id()).orElseThrow()).isEqualTo(undelivered);
    }

    @Test
    void cancelOfNothingChangesNothing() {
        assertThat(store.cancelActivities(QueryCriteria.parse("type:NoSuchType")))
                .isEmpty();
    }

    @Test
    void approveQueuesOrSchedulesByTheDeliverAfterTime() {
        Activity now = create(activity("RestartRequest", JANE).requiresApproval(true));
        Activity later = create(activity("RestartRequest", JANE)
                .requiresApproval(true)
                .deliverAfter(clock.instant().plus(Duration.ofHours(1))));
        Activity past = create(activity("RestartRequest", JANE)
                .requiresApproval(true)
                .deliverAfter(clock.instant().minus(Duration.ofHours(1))));
        clock.advance(Duration.ofMinutes(1));

        List<Long> approved = store.approveActivities(QueryCriteria.parse("status:unapproved"));

        assertThat(approved).containsExactly(now.id(), later.id(), past.id());
        assertThat(store.activity(now.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNDELIVERED);
        assertThat(store.activity(later.id()).orElseThrow().status()).isEqualTo(ActivityStatus.SCHEDULED);
        assertThat(store.activity(past.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNDELIVERED);
        assertThat(store.activity(now.id()).orElseThrow().approvalTime()).contains(clock.instant());
    }

    @Test
    void approveIsAllOrNothing() {
        Activity waiting = create(activity("RestartRequest", JANE).requiresApproval(true));
        Activity queued = create(activity("RestartRequest", JANE));

        ActivityStatusChangeException e = catchThrowableOfType(
                ActivityStatusChangeException.class, () -> store.approveActivities(QueryCriteria.all()));

        assertThat(e.reasons()).containsExactly(Map.entry(queued.id(), "cannot be approved: it is undelivered"));
        assertThat(store.activity(waiting.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNAPPROVED);
    }

    @Test
    void scheduledActivitiesCanBeCanceledButNotDeliveredEarly() {
        Activity scheduled =
                create(activity("RestartRequest", JANE).deliverAfter(Instant.parse("2030-01-01T00:00:00Z")));
        assertThat(scheduled.status()).isEqualTo(ActivityStatus.SCHEDULED);

        assertThatThrownBy(() -> store.markDelivered(scheduled.id()))
                .isInstanceOf(ActivityStatusChangeException.class)
                .hasMessageContaining("cannot be delivered before 2030-01-01T00:00:00Z");
        assertThat(store.cancelActivities(QueryCriteria.id(scheduled.id()))).containsExactly(scheduled.id());
    }

    // --- Lifecycle of one activity

    @Test
    void aComputerDeliversReportsAndCompletes() {
        Activity a = create(activity("ChangePackagesRequest", JANE).computerId(1));
        clock.advance(Duration.ofSeconds(5));
        Activity delivered = store.markDelivered(a.id());
        clock.advance(Duration.ofSeconds(5));
        Activity progressed = store.reportProgress(a.id(), 40);
        clock.advance(Duration.ofSeconds(5));
        Activity failed = store.complete(a.id(), false, "E: unable to fetch", 100);

        assertThat(delivered.status()).isEqualTo(ActivityStatus.DELIVERED);
        assertThat(delivered.deliveryTime()).contains(a.creationTime().plusSeconds(5));
        assertThat(progressed.progress()).hasValue(40);
        assertThat(failed.status()).isEqualTo(ActivityStatus.FAILED);
        assertThat(failed.resultText()).contains("E: unable to fetch");
        assertThat(failed.resultCode()).hasValue(100);
        assertThat(failed.completionTime()).contains(clock.instant());
        assertThat(store.activity(a.id())).contains(failed);
    }

    @Test
    void reportsNeedADeliveredActivity() {
        Activity a = create(activity("RestartRequest", JANE));

        assertThatThrownBy(() -> store.complete(a.id(), true, "ok", 0))
                .isInstanceOf(ActivityStatusChangeException.class)
                .hasMessageContaining("it is undelivered");
        assertThatThrownBy(() -> store.reportProgress(a.id(), 10)).isInstanceOf(ActivityStatusChangeException.class);
        store.markDelivered(a.id());
        assertThatThrownBy(() -> store.markDelivered(a.id()))
                .isInstanceOf(ActivityStatusChangeException.class)
                .hasMessageContaining("it is delivered");
        assertThatThrownBy(() -> store.reportProgress(a.id(), 101)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknownReferencesAreRefusedOnCreate() {
        assertThatThrownBy(() -> store.createActivity(
                        NewActivity.builder("RestartRequest", 99).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no person 99");
        assertThatThrownBy(() -> store.createActivity(
                        activity("RestartRequest", JANE).computerId(42).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no computer 42");
        assertThatThrownBy(() -> store.createActivity(
                        activity("RestartRequest", JANE).parentId(4242).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no activity 4242");
        assertThat(store.getActivities(QueryCriteria.all())).isEmpty();
    }

    @Test
    void createActivitiesIsAllOrNothing() {
        assertThatThrownBy(() -> store.createActivities(List.of(
                        activity("RestartRequest", JANE).build(),
                        activity("RestartRequest", JANE).computerId(42).build())))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.getActivities(QueryCriteria.all())).isEmpty();
    }

    @Test
    void unknownActivitiesAreNotFound() {
        ActivityNotFoundException e =
                catchThrowableOfType(ActivityNotFoundException.class, () -> store.markDelivered(424242));
        assertThat(e.activityId()).isEqualTo(424242);
        assertThat(store.activity(424242)).isEmpty();
    }

    // --- Import (activities as they are, with their ids, statuses and times)

    /**
     * Activities in every status, with results, progress, times and a parent. Whole seconds: what every
     * wire format carries, so that remote readers of a store pass too.
     */
    protected static List<Activity> exported() {
        Instant t = Instant.parse("2023-03-01T08:00:00Z");
        return List.of(
                Activity.builder(9001, "ChangePackagesRequest", ActivityStatus.SUCCEEDED, JANE, t)
                        .computerId(1)
                        .summary("Install python-twisted-conch")
                        .resultText("Installed")
                        .resultCode(0)
                        .progress(100)
                        .deliveryTime(t.plusSeconds(60))
                        .completionTime(t.plusSeconds(120))
                        .modificationTime(t.plusSeconds(120))
                        .approvalTime(t.plusSeconds(30))
                        .detail("package_ids", JsonValue.array(List.of(JsonValue.of(36), JsonValue.of(1127))))
                        .build(),
                Activity.builder(9002, "RestartRequest", ActivityStatus.FAILED, JOHN, t.plusSeconds(1))
                        .parentId(9001)
                        .computerId(2)
                        .summary("Restart web1")
                        .resultText("reboot refused")
                        .resultCode(1)
                        .deliveryTime(t.plusSeconds(61))
                        .completionTime(t.plusSeconds(90))
                        .modificationTime(t.plusSeconds(90))
                        .build(),
                Activity.builder(9003, "ResynchronizeRequest", ActivityStatus.DELIVERED, JANE, t.plusSeconds(2))
                        .computerId(1)
                        .summary("Resynchronize laptop1")
                        .progress(40)
                        .deliveryTime(t.plusSeconds(62))
                        .modificationTime(t.plusSeconds(70))
                        .build(),
                Activity.builder(9004, "SyncPocketRequest", ActivityStatus.SCHEDULED, JANE, t.plusSeconds(3))
                        .summary("Sync pocket main")
                        .deliverAfterTime(Instant.parse("2030-01-01T00:00:00Z"))
                        .detail("pocket_name", JsonValue.of("main"))
                        .build(),
                Activity.builder(9005, "ShutdownRequest", ActivityStatus.UNAPPROVED, JOHN, t.plusSeconds(4))
                        .computerId(3)
                        .summary("Shutdown desk3")
                        .build(),
                Activity.builder(9006, "RestartRequest", ActivityStatus.CANCELED, JOHN, t.plusSeconds(5))
                        .computerId(2)
                        .summary("Restart again")
                        .completionTime(t.plusSeconds(300))
                        .modificationTime(t.plusSeconds(300))
                        .build(),
                Activity.builder(9007, "RestartRequest", ActivityStatus.UNDELIVERED, JANE, t.plusSeconds(5))
                        .computerId(1)
                        .summary("Restart laptop1")
                        .build());
    }

    @Test
    void importKeepsIdsStatusesTimesResultsAndDetails() {
        List<Activity> exported = exported();
        List<Activity> imported = store.importActivities(exported);

        assertThat(imported).containsExactlyElementsOf(exported);
        for (Activity a : exported) {
            assertThat(store.activity(a.id())).contains(a);
        }
        assertThat(ids(store.getActivities(QueryCriteria.all())))
                .containsExactly(9007L, 9006L, 9005L, 9004L, 9003L, 9002L, 9001L);
        assertThat(ids("status:succeeded OR status:failed")).containsExactly(9002L, 9001L);
        assertThat(ids("computer:tag:laptop")).containsExactly(9007L, 9003L, 9001L);
        assertThat(ids("twisted")).containsExactly(9001L);
        assertThat(ids("restart")).containsExactly(9007L, 9006L, 9002L);
        assertThat(ids("parent-id:9001")).containsExactly(9002L);
        assertThat(ids("created-before:2023-03-01T08:00:02")).containsExactly(9002L, 9001L);
        assertThat(store.getActivityTypes()).contains("ResynchronizeRequest");
    }

    @Test
    void importedActivitiesChangeLikeCreatedOnes() {
        store.importActivities(exported());

        assertThat(store.complete(9003, true, "done", 0).status()).isEqualTo(ActivityStatus.SUCCEEDED);
        assertThat(store.approveActivities(QueryCriteria.id(9005))).containsExactly(9005L);
        assertThat(store.cancelActivities(QueryCriteria.parse("status:undelivered")))
                .containsExactly(9005L, 9007L);
        assertThatThrownBy(() -> store.cancelActivities(QueryCriteria.id(9001)))
                .isInstanceOf(ActivityStatusChangeException.class);
    }

    @Test
    void newActivitiesGetIdsAboveEveryImportedOne() {
        Activity before = create(activity("RestartRequest", JANE));
        store.importActivities(exported());
        Activity after = create(activity("RestartRequest", JANE));
        ActivityStore acme = store.forAccount("acme");
        register(acme);
        Activity elsewhere =
                acme.createActivity(activity("RestartRequest", JANE).build());

        assertThat(before.id()).isLessThan(9001);
        assertThat(after.id()).isGreaterThan(9007);
        assertThat(elsewhere.id()).isGreaterThan(after.id());
        // Importing ids below the sequence leaves it where it is.
        store.importActivities(
                List.of(exported().get(0).toBuilder().id(before.id() + 1).build()));
        assertThat(create(activity("RestartRequest", JANE)).id()).isGreaterThan(elsewhere.id());
    }

    @Test
    void importIsAllOrNothingAndNamesEveryRefusedActivity() {
        Activity stored = create(activity("RestartRequest", JANE));
        ActivityStore acme = store.forAccount("acme");
        register(acme);
        Activity elsewhere =
                acme.createActivity(activity("RestartRequest", JANE).build());
        Activity good = exported().get(0);
        Activity.Builder base = good.toBuilder().parentId(java.util.OptionalLong.empty());
        List<Activity> batch = List.of(
                good,
                base.id(stored.id()).build(),
                base.id(elsewhere.id()).build(),
                base.id(9100).build(),
                base.id(9100).build(),
                base.id(9101).computerId(42).build(),
                base.id(9102)
                        .computerId(1)
                        .creator(new Person(99, "Nobody", "nobody@example.com"))
                        .build(),
                base.id(9103).creator(JANE).parentId(4242).build(),
                base.id(9104)
                        .parentId(java.util.OptionalLong.empty())
                        .summary("nul \u0000 here")
                        .build(),
                base.id(9105)
                        .summary("s".repeat(NewActivity.MAX_SUMMARY_LENGTH + 1))
                        .build(),
                base.id(9106)
                        .summary("ok")
                        .deliverAfterTime(Instant.parse("+10000-01-01T00:00:00Z"))
                        .build(),
                base.id(9107)
                        .deliverAfterTime(java.util.Optional.empty())
                        .resultText("bad \uD800")
                        .build());

        ActivityImportException e =
                catchThrowableOfType(ActivityImportException.class, () -> store.importActivities(batch));

        assertThat(e.reasons())
                .containsOnlyKeys(stored.id(), elsewhere.id(), 9100L, 9101L, 9102L, 9103L, 9104L, 9105L, 9106L, 9107L);
        assertThat(e.reasons().get(stored.id())).contains("stored already");
        assertThat(e.reasons().get(elsewhere.id())).contains("stored already");
        assertThat(e.reasons().get(9100L)).contains("more than once");
        assertThat(e.reasons().get(9101L)).contains("no computer 42");
        assertThat(e.reasons().get(9102L)).contains("no person 99");
        assertThat(e.reasons().get(9103L)).contains("no activity 4242");
        assertThat(e.reasons().get(9104L)).contains("NUL");
        assertThat(e.reasons().get(9105L)).contains("MAX_SUMMARY_LENGTH");
        assertThat(e.reasons().get(9106L)).contains("deliver-after time");
        assertThat(e.reasons().get(9107L)).contains("lone surrogate");
        assertThat(e.getMessage()).contains("nothing was imported").contains("9101 => no computer 42");
        assertThat(ids(store.getActivities(QueryCriteria.all()))).containsExactly(stored.id());
        assertThat(store.activity(good.id())).isEmpty();
        assertThat(ids(acme.getActivities(QueryCriteria.all()))).containsExactly(elsewhere.id());
        assertThat(store.importActivities(List.of())).isEmpty();
    }

    @Test
    void importShowsTheRegisteredCreatorAndKeepsMicroseconds() {
        Instant t = Instant.parse("2023-03-01T08:00:00.123456789Z");
        Activity a = Activity.builder(
                        9200, "RestartRequest", ActivityStatus.UNDELIVERED, new Person(5, "Old Name", "old@x"), t)
                .build();

        Activity imported = store.importActivities(List.of(a)).get(0);

        Activity expected = a.toBuilder()
                .creator(JANE)
                .creationTime(Instant.parse("2023-03-01T08:00:00.123456Z"))
                .modificationTime(Instant.parse("2023-03-01T08:00:00.123456Z"))
                .build();
        assertThat(imported).isEqualTo(expected);
        assertThat(store.activity(9200).orElseThrow().creator()).isEqualTo(JANE);
    }

    @Test
    void importedTimesOfEveryEraReadBackExactlyThroughEveryRead() {
        // Before and after 1970 and 2000 (the origins of Java's and PostgreSQL's binary times), the Julian to
        // Gregorian switch of 1582 (both count proleptic Gregorian days), the first and last years kept. Whole
        // seconds: Landscape's wire carries no fraction.
        List<Instant> times = List.of(
                Instant.parse("0001-01-01T00:00:01Z"),
                Instant.parse("1582-10-10T12:00:00Z"),
                Instant.parse("1969-12-31T23:59:59Z"),
                Instant.parse("1999-12-31T23:59:59Z"),
                Instant.parse("2000-01-01T00:00:00Z"),
                Instant.parse("2024-02-29T13:14:15Z"),
                Instant.parse("9999-12-31T23:59:59Z"));
        List<Activity> batch = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Instant t = times.get(i);
            batch.add(Activity.builder(9300 + i, "RestartRequest", ActivityStatus.SUCCEEDED, JANE, t)
                    .deliveryTime(t)
                    .completionTime(t)
                    .modificationTime(t)
                    .approvalTime(t)
                    .deliverAfterTime(t)
                    .resultText("done")
                    .resultCode(0)
                    .build());
        }

        store.importActivities(batch);

        List<Activity> newestFirst = new ArrayList<>(batch);
        java.util.Collections.reverse(newestFirst);
        for (Activity a : batch) {
            assertThat(store.activity(a.id())).contains(a);
        }
        assertThat(store.getActivities(QueryCriteria.all(), 100, 0)).containsExactlyElementsOf(newestFirst);
        for (int pageSize : new int[] {1, 3, 100}) {
            try (Stream<Activity> s = store.streamActivities(QueryCriteria.all(), pageSize)) {
                assertThat(s).as("stream, pages of %d", pageSize).containsExactlyElementsOf(newestFirst);
            }
        }
    }

    @Test
    void aBatchOfTenThousandImportsAndCreatesLikeSmallOnes() {
        List<Activity> batch = new ArrayList<>();
        Instant t = Instant.parse("2023-01-01T00:00:00Z");
        for (int i = 0; i < 10_000; i++) {
            batch.add(
                    Activity.builder(100_000 + i, "RestartRequest", ActivityStatus.UNDELIVERED, JANE, t.plusSeconds(i))
                            .computerId(1 + i % 3)
                            .summary("Bulk restart n" + i % 100 + "x")
                            .build());
        }
        store.importActivities(batch);
        List<NewActivity> fleet = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            fleet.add(activity("ShutdownRequest", JOHN).computerId(1 + i % 3).build());
        }
        clock.advance(Duration.ofMinutes(1));
        List<Activity> created = store.createActivities(fleet);

        assertThat(created).extracting(Activity::id).isSorted().doesNotHaveDuplicates();
        assertThat(created.get(0).id()).isGreaterThan(109_999);
        assertThat(ids(store.getActivities(QueryCriteria.parse("computer:tag:server n7x"), 1000, 0)))
                .hasSize(34)
                .allMatch(id -> (id - 100_000) % 100 == 7 && (id - 100_000) % 3 == 1);
        assertThat(store.getActivities(QueryCriteria.parse("type:ShutdownRequest computer:tag:laptop"), 1000, 3000))
                .hasSize(334);
    }

    // --- Accounts

    @Test
    void accountsNeverSeeOrChangeEachOthersActivities() {
        ActivityStore acme = store.forAccount("acme");
        register(acme);
        Activity mine = create(activity("RestartRequest", JANE).computerId(1).requiresApproval(true));
        Activity theirs = acme.createActivity(activity("RestartRequest", JANE)
                .computerId(1)
                .requiresApproval(true)
                .build());

        assertThat(ids(store.getActivities(QueryCriteria.all()))).containsExactly(mine.id());
        assertThat(ids(acme.getActivities(QueryCriteria.all()))).containsExactly(theirs.id());
        assertThat(ids(store.getActivities(QueryCriteria.id(theirs.id())))).isEmpty();
        assertThat(store.activity(theirs.id())).isEmpty();
        assertThat(store.approveActivities(QueryCriteria.all())).containsExactly(mine.id());
        assertThat(acme.activity(theirs.id()).orElseThrow().status()).isEqualTo(ActivityStatus.UNAPPROVED);
        assertThat(store.cancelActivities(QueryCriteria.id(theirs.id()))).isEmpty();
        assertThatThrownBy(() -> store.markDelivered(theirs.id())).isInstanceOf(ActivityNotFoundException.class);
        assertThat(acme.account()).isEqualTo("acme");
    }

    @Test
    void anAccountNeedsItsOwnComputersAndPeople() {
        ActivityStore empty = store.forAccount("empty");
        assertThatThrownBy(() ->
                        empty.createActivity(activity("RestartRequest", JANE).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no person 5 in account 'empty'");
        assertThat(empty.computer(1)).isEmpty();
        assertThat(store.computer(1)).contains(LAPTOP);
    }

    // --- Concurrency

    /** Operations each of the eight threads of {@link #concurrentChangesApplyExactlyOnce()} runs. */
    protected int operationsPerThread() {
        return 1_000;
    }

    @Test
    void concurrentChangesApplyExactlyOnce() throws Exception {
        List<NewActivity> batch = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            batch.add(activity("RestartRequest", JANE)
                    .computerId(1 + i % 3)
                    .requiresApproval(i % 2 == 0)
                    .build());
        }
        List<Activity> created = store.createActivities(batch);
        Map<Long, ActivityStatus> initial = created.stream().collect(Collectors.toMap(Activity::id, Activity::status));
        List<Long> ids = List.copyOf(initial.keySet());
        java.util.Queue<Map.Entry<Long, String>> applied = new java.util.concurrent.ConcurrentLinkedQueue<>();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    java.util.Random random = new java.util.Random(seed);
                    for (int op = 0; op < operationsPerThread(); op++) {
                        long id = ids.get(random.nextInt(ids.size()));
                        long other = ids.get(random.nextInt(ids.size()));
                        QueryCriteria two = QueryCriteria.id(id).or(QueryCriteria.id(other));
                        try {
                            switch (random.nextInt(4)) {
                                case 0:
                                    store.cancelActivities(two).forEach(x -> applied.add(Map.entry(x, "cancel")));
                                    break;
                                case 1:
                                    store.approveActivities(two).forEach(x -> applied.add(Map.entry(x, "approve")));
                                    break;
                                case 2:
                                    store.markDelivered(id);
                                    applied.add(Map.entry(id, "deliver"));
                                    break;
                                default:
                                    store.complete(id, true, "done", 0);
                                    applied.add(Map.entry(id, "complete"));
                            }
                        } catch (ActivityStatusChangeException expected) {
                            // The status forbade it: nothing changed, which the checks below verify.
                        }
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        Map<Long, List<String>> byActivity = applied.stream()
                .collect(Collectors.groupingBy(
                        Map.Entry::getKey, Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        for (long id : ids) {
            List<String> changes = byActivity.getOrDefault(id, List.of());
            assertThat(changes).as("changes of activity %d", id).doesNotHaveDuplicates();
            assertThat(changes.contains("cancel") && changes.contains("deliver"))
                    .as("activity %d", id)
                    .isFalse();
            if (changes.contains("complete")) {
                assertThat(changes).as("activity %d", id).contains("deliver");
            }
            boolean waitsForApproval = initial.get(id) == ActivityStatus.UNAPPROVED;
            if (changes.contains("deliver") && waitsForApproval) {
                assertThat(changes).as("activity %d", id).contains("approve");
            }
            if (changes.contains("approve")) {
                assertThat(waitsForApproval).as("activity %d", id).isTrue();
            }
            ActivityStatus expected = changes.contains("cancel")
                    ? ActivityStatus.CANCELED
                    : changes.contains("complete")
                            ? ActivityStatus.SUCCEEDED
                            : changes.contains("deliver")
                                    ? ActivityStatus.DELIVERED
                                    : changes.contains("approve") ? ActivityStatus.UNDELIVERED : initial.get(id);
            assertThat(store.activity(id).orElseThrow().status())
                    .as("activity %d after %s", id, changes)
                    .isEqualTo(expected);
        }
        assertThat(applied).as("the run changed something").isNotEmpty();
    }

    // --- Hostile text

    @Test
    void textPostgreSqlCannotStoreIsRefusedByEveryStore() {
        assertThatThrownBy(() -> store.registerPerson(new Person(9, "a\u0000b", "x@y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> store.registerComputer(
                        Computer.builder(9, "h").tags(Set.of("\ud800")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lone surrogate");
        assertThatThrownBy(() -> store.createActivity(activity("RestartRequest", JANE)
                        .detail("note", JsonValue.of("\u0000"))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class);
        Activity a = create(activity("RestartRequest", JANE));
        store.markDelivered(a.id());
        assertThatThrownBy(() -> store.complete(a.id(), true, "\u0000", 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(store.computer(9)).isEmpty();
        assertThat(ids("\"a\u0000b\"")).isEmpty();
        assertThat(ids("NOT type:\"\u0000\"")).containsExactly(a.id());
    }

    // --- Poison rows: what a store accepts, every reader reads back

    /** A detail value nested {@code depth} arrays deep around a string of {@code pad} characters. */
    protected static JsonValue nested(int depth, int pad) {
        JsonValue v = JsonValue.of("x".repeat(pad));
        for (int i = 0; i < depth; i++) {
            v = JsonValue.array(List.of(v));
        }
        return v;
    }

    /** Details exactly {@link NewActivity#MAX_DETAILS_LENGTH} long, one of them {@link NewActivity#MAX_DETAIL_DEPTH} deep. */
    protected static Map<String, JsonValue> worstAcceptedDetails() {
        int empty = JsonValue.object(Map.of("deep", nested(NewActivity.MAX_DETAIL_DEPTH, 0)))
                .toJson()
                .length();
        return Map.of("deep", nested(NewActivity.MAX_DETAIL_DEPTH, NewActivity.MAX_DETAILS_LENGTH - empty));
    }

    @Test
    void theWorstAcceptedActivityReadsBackOnEveryPage() {
        Map<String, JsonValue> worst = worstAcceptedDetails();
        assertThat(JsonValue.object(worst).toJson()).hasSize(NewActivity.MAX_DETAILS_LENGTH);
        Activity before = create(activity("RestartRequest", JANE).computerId(1));
        NewActivity.Builder b = NewActivity.builder("ChangePackagesRequest", JANE.id())
                .computerId(1)
                .summary("s".repeat(NewActivity.MAX_SUMMARY_LENGTH - 5) + " word")
                .deliverAfter(Instant.parse("2024-06-01T00:00:00Z"));
        worst.forEach(b::detail);
        Activity poison = create(b);
        Activity after = create(activity("RestartRequest", JOHN).computerId(2));

        assertThat(store.activity(poison.id()).orElseThrow().details()).isEqualTo(worst);
        List<Long> paged = new ArrayList<>();
        for (int offset = 0; offset < 3; offset++) {
            List<Activity> page = store.getActivities(QueryCriteria.all(), 1, offset);
            assertThat(page).hasSize(1);
            paged.add(page.get(0).id());
        }
        assertThat(paged).containsExactly(after.id(), poison.id(), before.id());
        assertThat(store.getActivities(QueryCriteria.all(), ActivityService.MAX_LIMIT, 0))
                .filteredOn(a -> a.id() == poison.id())
                .singleElement()
                .satisfies(a -> assertThat(a.details()).isEqualTo(worst))
                .satisfies(a -> assertThat(a.summary()).hasSize(NewActivity.MAX_SUMMARY_LENGTH));
        assertThat(ids("type:ChangePackagesRequest")).containsExactly(poison.id());
        assertThat(ids("status:scheduled")).containsExactly(poison.id());
        assertThat(store.cancelActivities(QueryCriteria.parse("status:scheduled")))
                .containsExactly(poison.id());
        assertThat(ids("status:canceled")).containsExactly(poison.id());
    }

    @Test
    void detailsNestedBeyondTheLimitAreRefusedByEveryStore() {
        for (int depth : List.of(NewActivity.MAX_DETAIL_DEPTH + 1, 256, 257, 5_000, 100_000)) {
            assertThatThrownBy(() -> store.createActivity(activity("RestartRequest", JANE)
                            .detail("deep", nested(depth, 1))
                            .build()))
                    .as("%d levels", depth)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("MAX_DETAIL_DEPTH");
        }
        assertThat(store.getActivities(QueryCriteria.all())).isEmpty();
    }

    @Test
    void detailsLongerThanTheLimitAreRefusedByEveryStore() {
        Map<String, JsonValue> worst = worstAcceptedDetails();
        JsonValue deep = worst.get("deep");
        assertThatThrownBy(() -> store.createActivity(activity("RestartRequest", JANE)
                        .detail("deep", java.util.Objects.requireNonNull(deep))
                        .detail("one", JsonValue.of(1))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAX_DETAILS_LENGTH");
        assertThatThrownBy(() -> store.createActivity(activity("RestartRequest", JANE)
                        .summary("s".repeat(NewActivity.MAX_SUMMARY_LENGTH + 1))
                        .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("MAX_SUMMARY_LENGTH");
        assertThat(store.getActivities(QueryCriteria.all())).isEmpty();
    }

    // --- Instants: years 1 to 9999

    @Test
    void deliverAfterOutsideTheKeptYearsIsRefusedByEveryStore() {
        for (Instant outside : List.of(
                Instant.MAX,
                Instant.MIN,
                Instant.parse("+294277-01-01T00:00:00Z"),
                Instant.parse("-4714-11-24T00:00:00Z"),
                Instant.parse("+10000-01-01T00:00:00Z"),
                ActivityStore.EARLIEST_INSTANT.minusNanos(1))) {
            assertThatThrownBy(() -> store.createActivity(activity("RestartRequest", JANE)
                            .deliverAfter(outside)
                            .build()))
                    .as("%s", outside)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("EARLIEST_INSTANT");
        }
        assertThat(store.getActivities(QueryCriteria.all())).isEmpty();
    }

    /** The precision of the times an implementation reads back: microseconds, or seconds over a wire that keeps no more. */
    protected java.time.temporal.ChronoUnit timePrecision() {
        return java.time.temporal.ChronoUnit.MICROS;
    }

    @Test
    void theFirstAndLastKeptInstantsReadBack() {
        Activity first = create(activity("RestartRequest", JANE).deliverAfter(ActivityStore.EARLIEST_INSTANT));
        Activity last =
                create(activity("RestartRequest", JANE).deliverAfter(Instant.parse("9999-12-31T23:59:59.999999999Z")));

        assertThat(store.activity(first.id()).orElseThrow().deliverAfterTime())
                .contains(ActivityStore.EARLIEST_INSTANT);
        assertThat(store.activity(last.id()).orElseThrow().deliverAfterTime())
                .contains(ActivityStore.LATEST_INSTANT.truncatedTo(timePrecision()));
        assertThat(ids("status:scheduled")).containsExactly(last.id());
        assertThat(ids("status:undelivered")).containsExactly(first.id());
    }

    /** Quotes, semicolons, comment markers, backslashes, unicode, LIKE wildcards. */
    protected static final List<String> INJECTION_CORPUS = List.of(
            "'",
            "''",
            "' OR '1'='1",
            "'; DROP TABLE activities; --",
            "\"; SELECT 1; --",
            "/* comment */",
            "-- dash",
            "\\",
            "\\'",
            "%",
            "_",
            "a%b_c",
            "日本語",
            "Café",
            "emoji 😀",
            "$1",
            "?",
            ":name",
            "E'\\x41'");

    @Test
    void hostileTextInEveryTextCriterionMatchesOnlyItself() {
        for (String evil : INJECTION_CORPUS) {
            String plain = "x" + Math.abs(evil.hashCode());
            long id = 100 + INJECTION_CORPUS.indexOf(evil) * 2L;
            Computer hostile = Computer.builder(id, "h" + evil)
                    .title(evil)
                    .tags(Set.of(evil))
                    .accessGroup(evil)
                    .distribution(evil)
                    .annotation(evil.replace(":", ""), evil)
                    .alerts(Set.of(evil))
                    .build();
            Computer bystander = Computer.builder(id + 1, plain).build();
            store.registerComputer(hostile);
            store.registerComputer(bystander);
            Person person = new Person(id, evil, evil + "@example.com");
            store.registerPerson(person);
            Activity target = create(NewActivity.builder(evil, person.id())
                    .computerId(hostile.id())
                    .summary("s" + evil));
            create(activity("RestartRequest", JANE).computerId(bystander.id()));

            for (QueryCriteria q : List.of(
                    QueryCriteria.type(evil),
                    QueryCriteria.text("s" + evil),
                    QueryCriteria.creator(evil + "@example.com"),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.tag(evil)),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.hostname("h" + evil)),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.title(evil)),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.distribution(evil)),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.accessGroup(evil)),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.alert(evil)),
                    QueryCriteria.computer(
                            org.activity4j.query.ComputerCriterion.annotation(evil.replace(":", ""), evil)),
                    QueryCriteria.computer(org.activity4j.query.ComputerCriterion.text("h" + evil)))) {
                QueryCriteria reparsed = QueryCriteria.parse(q.toQueryString());
                assertThat(ids(store.getActivities(reparsed, ActivityService.MAX_LIMIT, 0)))
                        .as("%s", q.toQueryString())
                        .containsExactly(target.id());
            }
            assertThat(store.cancelActivities(QueryCriteria.type(evil))).containsExactly(target.id());
        }
        assertThat(store.getActivities(QueryCriteria.parse("status:undelivered"), ActivityService.MAX_LIMIT, 0))
                .hasSize(INJECTION_CORPUS.size())
                .allMatch(a -> a.type().equals("RestartRequest"));
    }
}
