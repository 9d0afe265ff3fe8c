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
        return query.accept(new Compiler(computers, people));
    }

    /** One predicate per node; a node type it does not handle does not compile. */
    private static final class Compiler implements QueryCriteria.Visitor<Predicate<Activity>> {
        private final LongFunction<Optional<Computer>> computers;
        private final LongFunction<Optional<Person>> people;

        Compiler(LongFunction<Optional<Computer>> computers, LongFunction<Optional<Person>> people) {
            this.computers = computers;
            this.people = people;
        }

        @Override
        public Predicate<Activity> visitAnd(And and) {
            List<Predicate<Activity>> all = new ArrayList<>();
            for (Clause clause : and.clauses()) {
                all.add(clause.accept(this));
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

        @Override
        public Predicate<Activity> visitOr(Or or) {
            List<Predicate<Activity>> any = new ArrayList<>();
            List<QueryCriteria.Text> texts = new ArrayList<>();
            for (Literal literal : or.literals()) {
                if (literal instanceof QueryCriteria.Text) {
                    texts.add((QueryCriteria.Text) literal);
                } else {
                    any.add(literal.accept(this));
                }
            }
            if (texts.size() == 1) {
                any.add(visitText(texts.get(0)));
            } else if (!texts.isEmpty()) {
                List<String> words = new ArrayList<>();
                for (QueryCriteria.Text text : texts) {
                    words.add(Ascii.lower(text.text()));
                }
                // The summary folded once and tested against all the words at once, in time linear in it.
                SubstringSet set = SubstringSet.of(words);
                any.add(a -> set.foundIn(Ascii.lower(a.summary())));
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

        @Override
        public Predicate<Activity> visitNot(Not not) {
            return not.term().accept(this).negate();
        }

        @Override
        public Predicate<Activity> visitId(QueryCriteria.Id term) {
            long id = term.id();
            return a -> a.id() == id;
        }

        @Override
        public Predicate<Activity> visitParentId(QueryCriteria.ParentId term) {
            long parent = term.parentId();
            return a -> a.parentId().isPresent() && a.parentId().getAsLong() == parent;
        }

        @Override
        public Predicate<Activity> visitStatus(QueryCriteria.Status term) {
            var status = term.status();
            return a -> a.status() == status;
        }

        @Override
        public Predicate<Activity> visitCreatedAfter(QueryCriteria.CreatedAfter term) {
            var instant = term.date().instant();
            return a -> !a.creationTime().isBefore(instant);
        }

        @Override
        public Predicate<Activity> visitCreatedBefore(QueryCriteria.CreatedBefore term) {
            var instant = term.date().instant();
            return a -> a.creationTime().isBefore(instant);
        }

        @Override
        public Predicate<Activity> visitCreator(QueryCriteria.Creator term) {
            String email = Ascii.lower(term.email());
            return a -> people.apply(a.creator().id())
                    .map(p -> Ascii.lower(p.email()).equals(email))
                    .orElse(false);
        }

        @Override
        public Predicate<Activity> visitType(QueryCriteria.Type term) {
            String type = term.type();
            return a -> a.type().equals(type);
        }

        @Override
        public Predicate<Activity> visitComputer(QueryCriteria.Computer term) {
            Predicate<Computer> matches = computer(term.criterion());
            return a -> a.computerId().isPresent()
                    && computers
                            .apply(a.computerId().getAsLong())
                            .map(matches::test)
                            .orElse(false);
        }

        @Override
        public Predicate<Activity> visitText(QueryCriteria.Text term) {
            String text = Ascii.lower(term.text());
            return a -> Ascii.lower(a.summary()).contains(text);
        }
    }

    /** What each computer criterion means. */
    public static Predicate<Computer> computer(ComputerCriterion criterion) {
        return criterion.accept(ComputerCompiler.INSTANCE);
    }

    private enum ComputerCompiler implements ComputerCriterion.Visitor<Predicate<Computer>> {
        INSTANCE;

        @Override
        public Predicate<Computer> visitId(ComputerCriterion.Id criterion) {
            long id = criterion.id();
            return c -> c.id() == id;
        }

        @Override
        public Predicate<Computer> visitTag(ComputerCriterion.Tag criterion) {
            String tag = criterion.tag();
            return c -> c.tags().contains(tag);
        }

        @Override
        public Predicate<Computer> visitHostname(ComputerCriterion.Hostname criterion) {
            String hostname = Ascii.lower(criterion.hostname());
            return c -> Ascii.lower(c.hostname()).equals(hostname);
        }

        @Override
        public Predicate<Computer> visitTitle(ComputerCriterion.Title criterion) {
            String title = Ascii.lower(criterion.title());
            return c -> Ascii.lower(c.title()).equals(title);
        }

        @Override
        public Predicate<Computer> visitDistribution(ComputerCriterion.Distribution criterion) {
            String distribution = criterion.distribution();
            return c -> c.distribution().map(distribution::equals).orElse(false);
        }

        @Override
        public Predicate<Computer> visitAccessGroup(ComputerCriterion.AccessGroup criterion) {
            String group = criterion.accessGroup();
            return c -> c.accessGroup().equals(group);
        }

        @Override
        public Predicate<Computer> visitAlert(ComputerCriterion.Alert criterion) {
            String alert = criterion.alert();
            return c -> c.alerts().contains(alert);
        }

        @Override
        public Predicate<Computer> visitNeedsReboot(ComputerCriterion.NeedsReboot criterion) {
            return Computer::needsReboot;
        }

        @Override
        public Predicate<Computer> visitAnnotation(ComputerCriterion.Annotation annotation) {
            String key = annotation.key();
            Optional<String> value = annotation.value();
            return c -> c.annotations().containsKey(key)
                    && value.map(v -> v.equals(c.annotations().get(key))).orElse(true);
        }

        @Override
        public Predicate<Computer> visitText(ComputerCriterion.Text criterion) {
            String word = Ascii.lower(criterion.text());
            return c -> Ascii.lower(c.hostname()).contains(word)
                    || Ascii.lower(c.title()).contains(word);
        }
    }
}
