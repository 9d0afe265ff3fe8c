package org.activity4j.benchmarks.baseline;

import java.util.ArrayList;
import java.util.List;
import org.activity4j.query.ActivityStatus;
import org.activity4j.query.ComputerCriterion;
import org.activity4j.query.QueryCriteria;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Literal;
import org.activity4j.query.QueryCriteria.Term;
import org.activity4j.query.QueryDate;
import org.parboiled.BaseParser;
import org.parboiled.Rule;
import org.parboiled.annotations.SuppressSubnodes;

/**
 * The query language as one would first write it in parboiled: character-level rules, {@code push}/{@code
 * pop} action expressions, recursion for NOT. Valid queries give the same trees as activity4j's parser;
 * errors are not reported in detail. Not thread-safe: parboiled keeps the action context in the parser.
 */
@SuppressWarnings({"checkstyle:MethodName", "InfiniteRecursion"})
public class StraightforwardQueryGrammar extends BaseParser<Object> {

    public Rule Query() {
        return Sequence(
                Ws(),
                push(new ArrayList<Clause>()),
                Optional(Clause(), addClause(), ZeroOrMore(Ws1(), Clause(), addClause())),
                Ws(),
                EOI,
                push(and(popClauses())));
    }

    public Rule Clause() {
        return Sequence(
                Literal(),
                push(new ArrayList<Literal>()),
                swap(),
                addLiteral(),
                ZeroOrMore(Ws1(), "OR", Ws1(), Literal(), addLiteral()),
                push(or(popLiterals())));
    }

    public Rule Literal() {
        return FirstOf(Sequence("NOT", Ws1(), Literal(), push(negate((Literal) pop()))), Term());
    }

    public Rule Term() {
        return FirstOf(
                Sequence("id:", Number(), push(qId(Long.parseLong(match())))),
                Sequence("parent-id:", Number(), push(qParentId(Long.parseLong(match())))),
                Sequence("status:", Word(), push(qStatus(status(match())))),
                Sequence("created-after:", Date(), push(qCreatedAfter(date(match())))),
                Sequence("created-before:", Date(), push(qCreatedBefore(date(match())))),
                Sequence("creator:", Value(), push(qCreator((String) pop()))),
                Sequence("type:", Value(), push(qType((String) pop()))),
                Sequence("computer:", ComputerCriterion(), push(qComputer((ComputerCriterion) pop()))),
                Sequence(TestNot(Keyword()), Value(), push(qText((String) pop()))));
    }

    public Rule ComputerCriterion() {
        return FirstOf(
                Sequence("id:", Number(), push(cId(Long.parseLong(match())))),
                Sequence("tag:", Value(), push(cTag((String) pop()))),
                Sequence("hostname:", Value(), push(cHostname((String) pop()))),
                Sequence("title:", Value(), push(cTitle((String) pop()))),
                Sequence("distribution:", Value(), push(cDistribution((String) pop()))),
                Sequence("access-group:", Value(), push(cAccessGroup((String) pop()))),
                Sequence("alert:", Value(), push(cAlert((String) pop()))),
                Sequence("needs:reboot", push(cNeedsReboot())),
                Sequence("annotation:", Value(), push(annotation((String) pop()))),
                Sequence(Value(), push(cText((String) pop()))));
    }

    public Rule Keyword() {
        return Sequence(FirstOf("OR", "NOT"), FirstOf(Ws1(), EOI));
    }

    public Rule Value() {
        return FirstOf(
                Sequence('"', ZeroOrMore(NoneOf("\"")), push(match()), '"'),
                Sequence(OneOrMore(NoneOf(" \t\n\r\f\u000b\"")), push(match())));
    }

    @SuppressSubnodes
    public Rule Word() {
        return OneOrMore(CharRange('a', 'z'));
    }

    @SuppressSubnodes
    public Rule Number() {
        return OneOrMore(CharRange('0', '9'));
    }

    @SuppressSubnodes
    public Rule Date() {
        return Sequence(
                Digits(4),
                '-',
                Digits(2),
                Optional('-', Digits(2), Optional('T', Digits(2), ':', Digits(2), Optional(':', Digits(2)))));
    }

    public Rule Digits(int count) {
        Object[] digits = new Object[count];
        for (int i = 0; i < count; i++) {
            digits[i] = CharRange('0', '9');
        }
        return Sequence(digits);
    }

    public Rule Ws() {
        return ZeroOrMore(AnyOf(" \t\n\r\f\u000b"));
    }

    public Rule Ws1() {
        return OneOrMore(AnyOf(" \t\n\r\f\u000b"));
    }

    boolean addClause() {
        Clause clause = (Clause) pop();
        clauses().add(clause);
        return true;
    }

    boolean addLiteral() {
        Literal literal = (Literal) pop();
        literals().add(literal);
        return true;
    }

    @SuppressWarnings("unchecked")
    List<Clause> clauses() {
        return (List<Clause>) peek();
    }

    @SuppressWarnings("unchecked")
    List<Literal> literals() {
        return (List<Literal>) peek();
    }

    @SuppressWarnings("unchecked")
    List<Clause> popClauses() {
        return (List<Clause>) pop();
    }

    @SuppressWarnings("unchecked")
    List<Literal> popLiterals() {
        return (List<Literal>) pop();
    }

    // Parboiled 1.4.1 copies action expressions into generated classes and writes calls of static
    // interface methods with the wrong constant pool entry (a VerifyError), so actions call these.
    static Term qId(long id) {
        return QueryCriteria.id(id);
    }

    static Term qParentId(long id) {
        return QueryCriteria.parentId(id);
    }

    static Term qStatus(ActivityStatus status) {
        return QueryCriteria.status(status);
    }

    static Term qCreatedAfter(QueryDate date) {
        return QueryCriteria.createdAfter(date);
    }

    static Term qCreatedBefore(QueryDate date) {
        return QueryCriteria.createdBefore(date);
    }

    static Term qCreator(String email) {
        return QueryCriteria.creator(email);
    }

    static Term qType(String type) {
        return QueryCriteria.type(type);
    }

    static Term qComputer(ComputerCriterion criterion) {
        return QueryCriteria.computer(criterion);
    }

    static Term qText(String text) {
        return QueryCriteria.text(text);
    }

    static ComputerCriterion cId(long id) {
        return ComputerCriterion.id(id);
    }

    static ComputerCriterion cTag(String v) {
        return ComputerCriterion.tag(v);
    }

    static ComputerCriterion cHostname(String v) {
        return ComputerCriterion.hostname(v);
    }

    static ComputerCriterion cTitle(String v) {
        return ComputerCriterion.title(v);
    }

    static ComputerCriterion cDistribution(String v) {
        return ComputerCriterion.distribution(v);
    }

    static ComputerCriterion cAccessGroup(String v) {
        return ComputerCriterion.accessGroup(v);
    }

    static ComputerCriterion cAlert(String v) {
        return ComputerCriterion.alert(v);
    }

    static ComputerCriterion cNeedsReboot() {
        return ComputerCriterion.needsReboot();
    }

    static ComputerCriterion cText(String v) {
        return ComputerCriterion.text(v);
    }

    static QueryDate date(String text) {
        return QueryDate.parse(text);
    }

    static QueryCriteria and(List<Clause> clauses) {
        return clauses.size() == 1 ? clauses.get(0) : new QueryCriteria.And(clauses);
    }

    static Clause or(List<Literal> literals) {
        return literals.size() == 1 ? literals.get(0) : new QueryCriteria.Or(literals);
    }

    static Literal negate(Literal literal) {
        return literal instanceof QueryCriteria.Not
                ? ((QueryCriteria.Not) literal).term()
                : new QueryCriteria.Not((Term) literal);
    }

    static ActivityStatus status(String name) {
        return ActivityStatus.fromWireName(name).orElseThrow(() -> new IllegalArgumentException(name));
    }

    static ComputerCriterion annotation(String spec) {
        int colon = spec.indexOf(':');
        return colon < 0
                ? ComputerCriterion.annotation(spec)
                : ComputerCriterion.annotation(spec.substring(0, colon), spec.substring(colon + 1));
    }
}
