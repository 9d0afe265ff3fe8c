package org.activity4j.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.activity4j.client.LandscapeClient;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.ActivityStores;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;
import org.junit.jupiter.api.Test;

/**
 * A query far longer than any URL a server takes (60,000 characters, a 540 KB URL once percent-encoded)
 * goes through the client and the reference agent as a signed POST form, for reads and for changes.
 */
class LandscapeLongQueryTest {

    /** {@code id:1 OR id:2 OR ...} up to at least {@code length} characters. */
    private static String longQuery(int length) {
        StringBuilder q = new StringBuilder("id:1");
        for (int id = 2; q.length() < length; id++) {
            q.append(" OR id:").append(id);
        }
        return q.toString();
    }

    private final ActivityStore store = ActivityStores.inMemory();

    LandscapeLongQueryTest() {
        store.registerPerson(new Person(5, "Jane Doe", "jane@example.com"));
    }

    private ReferenceAgent agentWithOneKey() {
        return ReferenceAgent.builder()
                .activityStore(store)
                .accessKey("KEY", "secret", ActivityStores.DEFAULT_ACCOUNT)
                .start();
    }

    @Test
    void aSixtyThousandCharacterQueryWorksEndToEnd() {
        Activity first = store.createActivity(
                NewActivity.builder("RestartRequest", 5).summary("one").build());
        Activity second = store.createActivity(
                NewActivity.builder("RestartRequest", 5).summary("two").build());
        String text = longQuery(60_000);
        QueryCriteria query = QueryCriteria.parse(text);
        try (ReferenceAgent agent = agentWithOneKey();
                LandscapeClient client = LandscapeClient.builder(agent.landscapeUri())
                        .accessKey("KEY", "secret")
                        .build()) {

            List<Activity> page = client.getActivities(query, 10, 0);
            List<Long> canceled = client.cancelActivities(query);

            assertThat(text.length()).isGreaterThanOrEqualTo(60_000);
            assertThat(page).extracting(Activity::id).containsExactly(second.id(), first.id());
            assertThat(canceled).containsExactly(first.id(), second.id());
        }
    }

    @Test
    void aLongQueryOfAClientWithRestReadsIsPostedAsTheLegacyAction() {
        Activity first = store.createActivity(
                NewActivity.builder("RestartRequest", 5).summary("one").build());
        String text = longQuery(60_000);
        try (ReferenceAgent agent = agentWithOneKey();
                LandscapeClient client = LandscapeClient.builder(agent.landscapeUri())
                        .accessKeyLogin("KEY", "secret")
                        .restReads(true)
                        .build()) {

            // A REST GET of this query would be a URL of over 60,000 characters, which the server refuses (414).
            assertThat(client.getActivities(QueryCriteria.parse(text), 10, 0))
                    .extracting(Activity::id)
                    .containsExactly(first.id());
            assertThat(client.getActivities(QueryCriteria.parse("id:" + first.id()), 10, 0))
                    .extracting(Activity::id)
                    .containsExactly(first.id());
        }
    }
}
