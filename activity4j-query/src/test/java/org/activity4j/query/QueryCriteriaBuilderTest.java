package org.activity4j.query;

import static org.activity4j.query.QueryCriteria.id;
import static org.activity4j.query.QueryCriteria.not;
import static org.activity4j.query.QueryCriteria.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.activity4j.query.QueryCriteria.And;
import org.activity4j.query.QueryCriteria.Clause;
import org.activity4j.query.QueryCriteria.Or;
import org.junit.jupiter.api.Test;

/** The typed factories and combinators: flat shapes, and clear refusals where text cannot say it. */
class QueryCriteriaBuilderTest {

    @Test
    void andIsFlatAndHasTheEmptyQueryAsIdentity() {
        QueryCriteria q = id(1).and(id(2)).and(id(3).and(id(4)));
        assertThat(q).isEqualTo(new And(List.of(id(1), id(2), id(3), id(4))));
        assertThat(QueryCriteria.all().and(id(1))).isEqualTo(id(1));
        assertThat(id(1).and(QueryCriteria.all())).isEqualTo(id(1));
    }

    @Test
    void orIsFlatAndTheEmptyQueryAbsorbsIt() {
        assertThat(id(1).or(id(2)).or(id(3))).isEqualTo(new Or(List.of(id(1), id(2), id(3))));
        assertThat(id(1).or(QueryCriteria.all())).isEqualTo(QueryCriteria.all());
    }

    @Test
    void orOfAnAndIsRefusedBecauseTextCannotSayIt() {
        assertThatThrownBy(() -> id(1).and(id(2)).or(id(3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot be written without parentheses")
                .hasMessageContaining("id:1 id:2");
    }

    @Test
    void notFollowsDeMorgan() {
        assertThat(not((QueryCriteria) id(1))).isEqualTo(not(id(1)));
        assertThat(QueryCriteria.not((QueryCriteria) not(id(1)))).isEqualTo(id(1));
        assertThat(QueryCriteria.not(id(1).or(not(id(2))))).isEqualTo(not(id(1)).and(id(2)));
        assertThat(QueryCriteria.not(id(1).and(id(2)))).isEqualTo(not(id(1)).or(not(id(2))));
    }

    @Test
    void notOfTheEmptyQueryOrOfAnAndOfOrsIsRefused() {
        assertThatThrownBy(() -> QueryCriteria.not(QueryCriteria.all()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("match nothing");
        assertThatThrownBy(() -> QueryCriteria.not(id(1).and(id(2).or(id(3)))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("parentheses");
    }

    @Test
    void allOfAndAnyOfCombineLists() {
        assertThat(QueryCriteria.allOf(List.of())).isEqualTo(QueryCriteria.all());
        assertThat(QueryCriteria.allOf(List.of(id(1)))).isEqualTo(id(1));
        assertThat(QueryCriteria.anyOf(List.of(id(1)))).isEqualTo(id(1));
        assertThat(QueryCriteria.anyOf(List.of(id(1), id(2)))).isEqualTo(id(1).or(id(2)));
        assertThatThrownBy(() -> QueryCriteria.anyOf(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordsCopyTheirLists() {
        List<Clause> clauses = new ArrayList<>(List.of(id(1), id(2)));
        And and = new And(clauses);
        clauses.add(id(3));
        assertThat(and.clauses()).hasSize(2);
    }

    @Test
    void singleElementAndsAndOrsAreRefused() {
        assertThatThrownBy(() -> new And(List.of(id(1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use the clause itself");
        assertThatThrownBy(() -> new Or(List.of(id(1)))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidValuesAreRefusedWithTheValue() {
        assertThatThrownBy(() -> id(0)).hasMessage("id must be 1 or more: 0");
        assertThatThrownBy(() -> QueryCriteria.parentId(-4)).hasMessage("parent-id must be 1 or more: -4");
        assertThatThrownBy(() -> text("")).hasMessage("text must not be empty");
        assertThatThrownBy(() -> QueryCriteria.creator("jane")).hasMessageContaining("jane");
        assertThatThrownBy(() -> ComputerCriterion.annotation("a:b")).hasMessageContaining("a:b");
        assertThatThrownBy(() -> new ComputerCriterion.Annotation("k", Optional.of("")))
                .hasMessage("annotation value must not be empty");
        assertThatThrownBy(() -> ComputerCriterion.id(0)).hasMessage("computer id must be 1 or more: 0");
    }

    @Test
    void thePrinterQuotesExactlyWhenNeeded() {
        assertThat(text("plain").toQueryString()).isEqualTo("plain");
        assertThat(text("two words").toQueryString()).isEqualTo("\"two words\"");
        assertThat(text("a:b").toQueryString()).isEqualTo("\"a:b\"");
        assertThat(text("OR").toQueryString()).isEqualTo("\"OR\"");
        assertThat(text("or").toQueryString()).isEqualTo("or");
        assertThat(text("say \"hi\"").toQueryString()).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(text("C:\\temp").toQueryString()).isEqualTo("\"C:\\\\temp\"");
        assertThat(text("back\\slash").toQueryString()).isEqualTo("back\\slash");
        assertThat(QueryCriteria.type("a:b").toQueryString()).isEqualTo("type:a:b");
        assertThat(QueryCriteria.computer(ComputerCriterion.title("Café")).toQueryString())
                .isEqualTo("computer:title:\"Café\"");
        assertThat(QueryCriteria.computer(ComputerCriterion.text("web:1")).toQueryString())
                .isEqualTo("computer:\"web:1\"");
        assertThat(QueryCriteria.computer(ComputerCriterion.text("OR")).toQueryString())
                .isEqualTo("computer:OR");
        assertThat(QueryCriteria.computer(ComputerCriterion.annotation("my key", "v:1"))
                        .toQueryString())
                .isEqualTo("computer:annotation:\"my key:v:1\"");
    }
}
