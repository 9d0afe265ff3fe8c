package org.activity4j.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Predicate;
import org.activity4j.core.Activity;
import org.activity4j.core.Computer;
import org.activity4j.core.Person;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Not;
import org.activity4j.query.QueryCriteria.Or;
import org.activity4j.query.QueryCriteria.Term;

/**
 * Compiles a query into a predicate over activities: what every key means, for the in-memory store (the
 * PostgreSQL store's SQL means the same). Text compares ignoring the case of ASCII letters where noted.
 */
public final class ActivityMatcher {
    private ActivityMatcher() {}

    /**
     * @param computers the account's computer by id
     * @param people the account's person by id (the creator's current email is matched)
     */
    public static Predicate<Activity> compile(
            QueryCriteria query, LongFunction<Optional<Computer>> computers, LongFunction<Optional<Person>> people) {
        if (query instanceof And) {
            List<Predicate<Activity>> all = new ArrayList<>();
            for (Clause clause : ((And) query).clauses()) {
                all.add(clause(clause, computers, people));
            }
            return a -> {
                for (Predicate<Activity> p : all) {
                    if (!p.test(a)) {
                        return false;
                    }
                }
                return true;
            };
        }
        return clause((Clause) query, computers, people);
    }

    private static Predicate<Activity> clause(
            Clause clause, LongFunction<Optional<Computer>> computers, LongFunction<Optional<Person>> people) {
        if (clause instanceof Or) {
            List<Predicate<Activity>> any = new ArrayList<>();
            for (Literal literal : ((Or) clause).literals()) {
                any.add(literal(literal, computers, people));
            }
            return a -> {
                for (Predicate<Activity> p : any) {
                    if (p.test(a)) {
                        return true;
                    }
                }
                return false;
            };
        }
        return literal((Literal) clause, computers, people);
    }

    private static Predicate<Activity> literal(
            Literal literal, LongFunction<Optional<Computer>> computers, LongFunction<Optional<Person>> people) {
        if (literal instanceof Not) {
            return term(((Not) literal).term(), computers, people).negate();
        }
        return term((Term) literal, computers, people);
    }

    private static Predicate<Activity> term(
            Term term, LongFunction<Optional<Computer>> computers, LongFunction<Optional<Person>> people) {
        if (term instanceof QueryCriteria.Id) {
            long id = ((QueryCriteria.Id) term).id();
            return a -> a.id() == id;
        } else if (term instanceof QueryCriteria.ParentId) {
            long parent = ((QueryCriteria.ParentId) term).parentId();
            return a -> a.parentId().isPresent() && a.parentId().getAsLong() == parent;
        } else if (term instanceof QueryCriteria.Status) {
            var status = ((QueryCriteria.Status) term).status();
            return a -> a.status() == status;
        } else if (term instanceof QueryCriteria.CreatedAfter) {
            var instant = ((QueryCriteria.CreatedAfter) term).date().instant();
            return a -> !a.creationTime().isBefore(instant);
        } else if (term instanceof QueryCriteria.CreatedBefore) {
            var instant = ((QueryCriteria.CreatedBefore) term).date().instant();
            return a -> a.creationTime().isBefore(instant);
        } else if (term instanceof QueryCriteria.Creator) {
            String email = Ascii.lower(((QueryCriteria.Creator) term).email());
            return a -> people.apply(a.creator().id())
                    .map(p -> Ascii.lower(p.email()).equals(email))
                    .orElse(false);
        } else if (term instanceof QueryCriteria.Type) {
            String type = ((QueryCriteria.Type) term).type();
            return a -> a.type().equals(type);
        } else if (term instanceof QueryCriteria.Computer) {
            Predicate<Computer> matches = computer(((QueryCriteria.Computer) term).criterion());
            return a -> a.computerId().isPresent()
                    && computers
                            .apply(a.computerId().getAsLong())
                            .map(matches::test)
                            .orElse(false);
        }
        String text = Ascii.lower(((QueryCriteria.Text) term).text());
        return a -> Ascii.lower(a.summary()).contains(text);
    }

    /** What each computer criterion means. */
    public static Predicate<Computer> computer(ComputerCriterion criterion) {
        if (criterion instanceof ComputerCriterion.Id) {
            long id = ((ComputerCriterion.Id) criterion).id();
            return c -> c.id() == id;
        } else if (criterion instanceof ComputerCriterion.Tag) {
            String tag = ((ComputerCriterion.Tag) criterion).tag();
            return c -> c.tags().contains(tag);
        } else if (criterion instanceof ComputerCriterion.Hostname) {
            String hostname = Ascii.lower(((ComputerCriterion.Hostname) criterion).hostname());
            return c -> Ascii.lower(c.hostname()).equals(hostname);
        } else if (criterion instanceof ComputerCriterion.Title) {
            String title = Ascii.lower(((ComputerCriterion.Title) criterion).title());
            return c -> Ascii.lower(c.title()).equals(title);
        } else if (criterion instanceof ComputerCriterion.Distribution) {
            String distribution = ((ComputerCriterion.Distribution) criterion).distribution();
            return c -> c.distribution().map(distribution::equals).orElse(false);
        } else if (criterion instanceof ComputerCriterion.AccessGroup) {
            String group = ((ComputerCriterion.AccessGroup) criterion).accessGroup();
            return c -> c.accessGroup().equals(group);
        } else if (criterion instanceof ComputerCriterion.Alert) {
            String alert = ((ComputerCriterion.Alert) criterion).alert();
            return c -> c.alerts().contains(alert);
        } else if (criterion instanceof ComputerCriterion.NeedsReboot) {
            return Computer::needsReboot;
        } else if (criterion instanceof ComputerCriterion.Annotation) {
            ComputerCriterion.Annotation annotation = (ComputerCriterion.Annotation) criterion;
            String key = annotation.key();
            Optional<String> value = annotation.value();
            return c -> c.annotations().containsKey(key)
                    && value.map(v -> v.equals(c.annotations().get(key))).orElse(true);
        }
        String word = Ascii.lower(((ComputerCriterion.Text) criterion).text());
        return c -> Ascii.lower(c.hostname()).contains(word)
                || Ascii.lower(c.title()).contains(word);
    }
}
