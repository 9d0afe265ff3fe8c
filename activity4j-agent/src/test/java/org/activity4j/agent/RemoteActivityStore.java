package org.activity4j.agent;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.activity4j.client.LandscapeClient;
import org.activity4j.core.Activity;
import org.activity4j.core.ActivityStore;
import org.activity4j.core.Computer;
import org.activity4j.core.NewActivity;
import org.activity4j.core.Person;
import org.activity4j.query.QueryCriteria;

/**
 * An {@link ActivityStore} for the compatibility kit whose reads, cancels and approvals go through a {@link
 * LandscapeClient} (and so through the reference agent), and whose write side (computers, people, new
 * activities, what computers report) goes straight to the backing store, as a Landscape server's own
 * components would.
 */
final class RemoteActivityStore implements ActivityStore {
    private final ActivityStore backing;
    private final LandscapeClient client;
    private final Function<String, LandscapeClient> clientForAccount;

    RemoteActivityStore(ActivityStore backing, Function<String, LandscapeClient> clientForAccount) {
        this.backing = backing;
        this.clientForAccount = clientForAccount;
        this.client = clientForAccount.apply(backing.account());
    }

    @Override
    public List<Activity> getActivities(QueryCriteria query, int limit, int offset) {
        return client.getActivities(query, limit, offset);
    }

    @Override
    public List<String> getActivityTypes() {
        return client.getActivityTypes();
    }

    @Override
    public List<Long> cancelActivities(QueryCriteria query) {
        return client.cancelActivities(query);
    }

    @Override
    public List<Long> approveActivities(QueryCriteria query) {
        return client.approveActivities(query);
    }

    @Override
    public Optional<Activity> activity(long id) {
        return client.getActivities(QueryCriteria.id(id), 1, 0).stream().findFirst();
    }

    @Override
    public String account() {
        return backing.account();
    }

    @Override
    public ActivityStore forAccount(String account) {
        return new RemoteActivityStore(backing.forAccount(account), clientForAccount);
    }

    @Override
    public void registerComputer(Computer computer) {
        backing.registerComputer(computer);
    }

    @Override
    public void registerPerson(Person person) {
        backing.registerPerson(person);
    }

    @Override
    public Optional<Computer> computer(long id) {
        return backing.computer(id);
    }

    @Override
    public Activity createActivity(NewActivity activity) {
        return backing.createActivity(activity);
    }

    @Override
    public List<Activity> createActivities(List<NewActivity> activities) {
        return backing.createActivities(activities);
    }

    @Override
    public List<Activity> importActivities(List<Activity> activities) {
        return backing.importActivities(activities);
    }

    @Override
    public Activity markDelivered(long id) {
        return backing.markDelivered(id);
    }

    @Override
    public Activity reportProgress(long id, int progress) {
        return backing.reportProgress(id, progress);
    }

    @Override
    public Activity complete(long id, boolean succeeded, String resultText, int resultCode) {
        return backing.complete(id, succeeded, resultText, resultCode);
    }
}
