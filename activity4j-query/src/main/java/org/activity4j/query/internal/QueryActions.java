package org.activity4j.query.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Term;
import org.activity4j.query.QueryDate;
import org.parboiled.Action;
import org.parboiled.Context;
import org.parboiled.support.ValueStack;

/**
 * The actions of {@link QueryGrammar}: they build the tree on the value stack and check values (number and
 * date ranges, statuses, emails), throwing the {@link Expectations} errors at the value's position. Each is a
 * plain {@link Action} that uses only the {@link Context} it is given (parboiled-java's action expressions
 * would keep the context in the parser instance), so the grammar holds no per-parse state.
 */
final class QueryActions {
    private QueryActions() {}

    // ---- the tree: lists of clauses and literals, OR, NOT

    static final Action<Object> NEW_LIST = context -> {
        context.getValueStack().push(new ArrayList<>());
        return true;
    };

    static final Action<Object> APPEND = context -> {
        Object item = context.getValueStack().pop();
        list(context).add(item);
        return true;
    };

    static final Action<Object> LITERAL_TO_LIST = context -> {
        Object literal = context.getValueStack().pop();
        List<Object> list = new ArrayList<>();
        list.add(literal);
        context.getValueStack().push(list);
        return true;
    };

    static final Action<Object> MAKE_OR = context -> {
        @SuppressWarnings("unchecked")
        List<Literal> literals = (List<Literal>) context.getValueStack().pop();
        context.getValueStack().push(new QueryCriteria.Or(literals));
        return true;
    };

    static final Action<Object> MAKE_AND = context -> {
        @SuppressWarnings("unchecked")
        List<Clause> clauses = (List<Clause>) context.getValueStack().pop();
        context.getValueStack()
                .push(
                        clauses.size() == 1
                                ? clauses.get(0)
                                : clauses.isEmpty() ? QueryCriteria.all() : new QueryCriteria.And(clauses));
        return true;
    };

    /** After the first {@code NOT} of a run: negated. */
    static final Action<Object> NEGATED = context -> {
        context.getValueStack().push(Boolean.TRUE);
        return true;
    };

    /** One more {@code NOT}: flips the pending negation. */
    static final Action<Object> NEGATE = context -> {
        ValueStack<Object> values = context.getValueStack();
        values.push(Boolean.valueOf(!(Boolean) values.pop()));
        return true;
    };

    static final Action<Object> APPLY_NOT = context -> {
        Term term = (Term) context.getValueStack().pop();
        boolean negated = (Boolean) context.getValueStack().pop();
        context.getValueStack().push(negated ? new QueryCriteria.Not(term) : term);
        return true;
    };

    // ---- values

    /** Pushes the text the rule before it matched. */
    static final Action<Object> PUSH_MATCH = context -> {
        context.getValueStack().push(context.getMatch());
        return true;
    };

    /**
     * After {@code QuotedChars '"'}: pushes the text between the quotes with {@code \"} and {@code \\} read as
     * escapes (any other backslash is kept); an empty phrase is an error at the opening quote.
     */
    static final Action<Object> UNQUOTE = context -> {
        String text = QueryInput.text(context);
        int from = context.getStartIndex();
        int to = context.getCurrentIndex() - 1;
        if (from == to) {
            throw Expectations.emptyQuotes(text, from - 1);
        }
        context.getValueStack().push(unescape(text, from, to));
        return true;
    };

    /** Replaces the value on the stack by {@code make(value)}. */
    static Action<Object> make(Function<String, ?> make) {
        return context -> {
            ValueStack<Object> values = context.getValueStack();
            values.push(make.apply((String) values.pop()));
            return true;
        };
    }

    /** Replaces the number's text on the stack by {@code make(number)}: a whole number from 1 to 2^63-1. */
    static Action<Object> number(String key, LongFunction<?> make) {
        return context -> {
            ValueStack<Object> values = context.getValueStack();
            String digits = (String) values.pop();
            int at = context.getMatchStartIndex();
            long value = 0;
            for (int i = 0; i < digits.length(); i++) {
                char c = digits.charAt(i);
                if (c < '0' || c > '9') {
                    throw Expectations.notANumber(QueryInput.text(context), at, key, digits);
                }
                int digit = c - '0';
                if (value > (Long.MAX_VALUE - digit) / 10) {
                    throw Expectations.numberOutOfRange(QueryInput.text(context), at, key, digits);
                }
                value = value * 10 + digit;
            }
            if (value == 0) {
                throw Expectations.numberOutOfRange(QueryInput.text(context), at, key, digits);
            }
            values.push(make.apply(value));
            return true;
        };
    }

    /** Replaces the date's text on the stack by {@code make(date)}; {@link DateReader} checks the ranges. */
    static Action<Object> date(String key, Function<QueryDate, ?> make) {
        return context -> {
            ValueStack<Object> values = context.getValueStack();
            String value = (String) values.pop();
            String text = QueryInput.text(context);
            int at = context.getMatchStartIndex();
            QueryDate date;
            try {
                date = DateReader.parse(value);
            } catch (InvalidValueException e) {
                int offset = text.charAt(at) == '"' ? 1 + e.offset() : e.offset();
                throw Expectations.badDate(text, Math.min(at + offset, text.length()), key, e);
            }
            values.push(make.apply(date));
            return true;
        };
    }

    /** Replaces the status name on the stack by its {@code status:} term. */
    static final Action<Object> STATUS = context -> {
        ValueStack<Object> values = context.getValueStack();
        String name = (String) values.pop();
        ActivityStatus status = ActivityStatus.fromWireName(name)
                .orElseThrow(
                        () -> Expectations.unknownStatus(QueryInput.text(context), context.getMatchStartIndex(), name));
        values.push(new QueryCriteria.Status(status));
        return true;
    };

    /** Replaces the email on the stack by its {@code creator:} term. */
    static final Action<Object> CREATOR = context -> {
        ValueStack<Object> values = context.getValueStack();
        String email = (String) values.pop();
        try {
            values.push(new QueryCriteria.Creator(email));
        } catch (IllegalArgumentException e) {
            throw Expectations.badCreator(QueryInput.text(context), context.getMatchStartIndex(), "creator", e);
        }
        return true;
    };

    /** Replaces the need on the stack by {@code needs:reboot}, the one need there is. */
    static final Action<Object> NEEDS = context -> {
        ValueStack<Object> values = context.getValueStack();
        String need = (String) values.pop();
        if (!need.equals("reboot")) {
            throw Expectations.unknownNeed(QueryInput.text(context), context.getMatchStartIndex(), need);
        }
        values.push(ComputerCriterion.needsReboot());
        return true;
    };

    /** Replaces {@code KEY} or {@code KEY:VALUE} on the stack (split at the first ':') by its annotation. */
    static final Action<Object> ANNOTATION = context -> {
        ValueStack<Object> values = context.getValueStack();
        String spec = (String) values.pop();
        int colon = spec.indexOf(':');
        if (colon < 0) {
            values.push(ComputerCriterion.annotation(spec));
            return true;
        }
        if (colon == 0) {
            throw Expectations.annotationWithoutKey(QueryInput.text(context), context.getMatchStartIndex(), spec);
        }
        if (colon == spec.length() - 1) {
            throw Expectations.annotationWithoutValue(QueryInput.text(context), context.getMatchStartIndex(), spec);
        }
        values.push(ComputerCriterion.annotation(spec.substring(0, colon), spec.substring(colon + 1)));
        return true;
    };

    /** Replaces the computer criterion on the stack by its {@code computer:} term. */
    static final Action<Object> COMPUTER = context -> {
        ValueStack<Object> values = context.getValueStack();
        values.push(new QueryCriteria.Computer((ComputerCriterion) values.pop()));
        return true;
    };

    // ---- error rules: each throws; its position is where the rule starts or stands

    /** After {@code WordChars ':'}: the word is no key. */
    static final Action<Object> UNKNOWN_KEY = context -> {
        String text = QueryInput.text(context);
        int start = context.getStartIndex();
        throw Expectations.unknownKey(text, start, text.substring(start, context.getCurrentIndex() - 1));
    };

    /** After {@code ':'}: no key before it. */
    static final Action<Object> NO_KEY = context -> {
        throw Expectations.noKey(QueryInput.text(context), context.getStartIndex());
    };

    /** After {@code WordChars ':'} following {@code computer:}: the word is no computer key. */
    static final Action<Object> UNKNOWN_COMPUTER_KEY = context -> {
        String text = QueryInput.text(context);
        int start = context.getStartIndex();
        throw Expectations.unknownComputerKey(text, start, text.substring(start, context.getCurrentIndex() - 1));
    };

    /** After {@code ':'} following {@code computer:}: no computer key before it. */
    static final Action<Object> NO_COMPUTER_KEY = context -> {
        throw Expectations.noComputerKey(QueryInput.text(context), context.getStartIndex());
    };

    /** Where a computer criterion must stand and whitespace or the end does. */
    static final Action<Object> MISSING_COMPUTER_CRITERION = context -> {
        throw Expectations.missingComputerCriterion(QueryInput.text(context), context.getCurrentIndex());
    };

    /** Where the value of {@code key:} must stand and whitespace or the end does. */
    static Action<Object> missingValue(String key) {
        return context -> {
            throw Expectations.missingValue(QueryInput.text(context), context.getCurrentIndex(), key);
        };
    }

    /** After an opening quote with no closing one. */
    static final Action<Object> UNTERMINATED_QUOTE = context -> {
        throw Expectations.unterminatedQuote(QueryInput.text(context), context.getCurrentIndex() - 1);
    };

    /** Where a value must end and neither whitespace nor the end follows. */
    static final Action<Object> MISPLACED = context -> {
        throw Expectations.misplaced(QueryInput.text(context), context.getCurrentIndex());
    };

    /** Where a criterion must stand (after OR or NOT, or at the start of a clause) and none does. */
    static final Action<Object> EXPECTED_CRITERION = context -> {
        throw Expectations.missingCriterion(QueryInput.text(context), context.getCurrentIndex());
    };

    /** Text left after the last criterion. */
    static final Action<Object> UNEXPECTED = context -> {
        throw Expectations.unexpected(QueryInput.text(context), context.getCurrentIndex());
    };

    @SuppressWarnings("unchecked")
    private static List<Object> list(Context<Object> context) {
        return (List<Object>) context.getValueStack().peek();
    }

    private static String unescape(String text, int from, int to) {
        int backslash = text.indexOf('\\', from);
        if (backslash < 0 || backslash >= to) {
            return text.substring(from, to);
        }
        StringBuilder b = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < to && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\\')) {
                b.append(text.charAt(i + 1));
                i += 2;
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }
}
