package org.activity4j.query.internal;

import java.util.ArrayList;
import java.util.List;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Term;
import org.parboiled.Action;
import org.parboiled.BaseParser;
import org.parboiled.Context;
import org.parboiled.Rule;

/**
 * The grammar of the query language, in parboiled:
 *
 * <pre>
 * Query   = Spaces? (Clause (Spaces Clause)*)? Spaces? End
 * Clause  = Literal (Spaces "OR" Spaces Literal)*
 * Literal = ("NOT" Spaces)* Term
 * </pre>
 *
 * <p>OR binds tighter than the implicit AND, NOT takes one term. Where a criterion must follow OR or NOT and
 * none does, the grammar fails with a syntax error on the spot instead of backtracking, so errors point at
 * the keyword at fault. The value stack carries the tree being built. The rules hold no per-parse state:
 * the actions below use only the {@link Context} they are given (parboiled's action expressions would store
 * the context in the parser instance), so one {@link Rule} serves all threads.
 */
public class QueryGrammar extends BaseParser<Object> {

    private static final Action<Object> NEW_LIST = context -> {
        context.getValueStack().push(new ArrayList<>());
        return true;
    };

    private static final Action<Object> APPEND = context -> {
        Object item = context.getValueStack().pop();
        list(context).add(item);
        return true;
    };

    private static final Action<Object> LITERAL_TO_LIST = context -> {
        Object literal = context.getValueStack().pop();
        List<Object> list = new ArrayList<>();
        list.add(literal);
        context.getValueStack().push(list);
        return true;
    };

    private static final Action<Object> MAKE_OR = context -> {
        @SuppressWarnings("unchecked")
        List<Literal> literals = (List<Literal>) context.getValueStack().pop();
        context.getValueStack().push(new QueryCriteria.Or(literals));
        return true;
    };

    private static final Action<Object> MAKE_AND = context -> {
        @SuppressWarnings("unchecked")
        List<Clause> clauses = (List<Clause>) context.getValueStack().pop();
        context.getValueStack()
                .push(
                        clauses.size() == 1
                                ? clauses.get(0)
                                : clauses.isEmpty() ? QueryCriteria.all() : new QueryCriteria.And(clauses));
        return true;
    };

    private static final Action<Object> WRAP_NOT = context -> {
        Term term = (Term) context.getValueStack().pop();
        boolean negated = (Boolean) context.getValueStack().pop();
        context.getValueStack().push(negated ? new QueryCriteria.Not(term) : term);
        return true;
    };

    public Rule Query() {
        return Sequence(
                OptionalSpaces(),
                NEW_LIST,
                Optional(NotAtEnd(), Clause(), APPEND, ZeroOrMore(Spaces(), NotAtEnd(), Clause(), APPEND)),
                OptionalSpaces(),
                End(),
                MAKE_AND);
    }

    public Rule Clause() {
        return Sequence(
                Literal(),
                Optional(
                        Test(Spaces(), OrKeyword()),
                        LITERAL_TO_LIST,
                        OneOrMore(
                                Spaces(),
                                OrKeyword(),
                                FirstOf(Sequence(Spaces(), Literal()), ExpectedCriterion()),
                                APPEND),
                        MAKE_OR));
    }

    public Rule Literal() {
        return Sequence(NotPrefix(), FirstOf(Term(), ExpectedCriterion()), WRAP_NOT);
    }

    public Rule Term() {
        return new TokenMatcher.TermToken();
    }

    public Rule NotPrefix() {
        return new TokenMatcher.NotPrefix();
    }

    public Rule OrKeyword() {
        return new TokenMatcher.OrKeyword();
    }

    public Rule Spaces() {
        return new TokenMatcher.Spaces(1);
    }

    public Rule OptionalSpaces() {
        return new TokenMatcher.Spaces(0);
    }

    public Rule NotAtEnd() {
        return new TokenMatcher.NotAtEnd();
    }

    public Rule End() {
        return new TokenMatcher.End();
    }

    public Rule ExpectedCriterion() {
        return new TokenMatcher.ExpectedCriterion();
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Context<Object> context) {
        return (List<Object>) context.getValueStack().peek();
    }
}
