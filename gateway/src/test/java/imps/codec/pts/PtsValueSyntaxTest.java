package imps.codec.pts;

import imps.codec.pts.PtsValue.Atom;
import imps.codec.pts.PtsValue.Group;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The value syntax of docs/pts.md §2, read and written. */
class PtsValueSyntaxTest {

    private static List<PtsParameter> read(String s) throws PtsSyntaxException {
        return PtsReader.read(s, PtsLimits.DEFAULT);
    }

    private static String write(PtsValue v) {
        StringBuilder sb = new StringBuilder();
        PtsWriter.parameter(sb, "X", v);
        return sb.substring(3);
    }

    @Test
    void simpleQuotedAndGroupedValues() throws PtsSyntaxException {
        assertEquals(List.of(
                        new PtsParameter("TL", new Atom("1200")),
                        new PtsParameter("DB", new Atom("fvuaXWP98TYHCqEveeL/Mw==")),
                        new PtsParameter("CP", Group.of(Group.of(new Atom("DN"), new Atom("My \"best\" friends")))),
                        new PtsParameter("RN", Group.of(Group.of(Atom.EMPTY, new Atom("wv:bob")))),
                        new PtsParameter("X", Group.of(new Atom("a"), Atom.EMPTY, Group.of(new Atom("b"), new Atom("c")), new Atom("d,e"))),
                        new PtsParameter("Y", Atom.EMPTY),
                        new PtsParameter("Z", new Atom("line one\nline two")),
                        new PtsParameter("URL", new Atom("http://x.example/?a=b&c=d"))),
                read("TL=1200 DB=\"fvuaXWP98TYHCqEveeL/Mw==\" CP=((DN,\"My \"\"best\"\" friends\")) RN=((,wv:bob)) "
                        + "X=(a,,(b,c),\"d,e\") Y=\"\" Z=\"line one\nline two\" URL=http://x.example/?a=b&c=d"));
    }

    @Test
    void emptyMembersAtTheEdgesOfAGroup() throws PtsSyntaxException {
        assertEquals(Group.of(Atom.EMPTY, Atom.EMPTY), read("X=(,)").get(0).value());
        assertEquals(Group.of(Atom.EMPTY), read("X=(\"\")").get(0).value());
    }

    /** Text is quoted exactly when docs/pts.md §2 says it must be. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "wv:alice@example.net|wv:alice@example.net",
            "text/plain; charset=utf-8|\"text/plain; charset=utf-8\"",
            "a,b|\"a,b\"",
            "(x)|\"(x)\"",
            "Mw==|\"Mw==\"",
            "a&b|\"a&b\"",
            "say \"hi\"|\"say \"\"hi\"\"\"",
            "ça va|\"ça va\"",
            "ça_va|ça_va"})
    void quotingOnlyWhenNeeded(String text, String written) throws PtsSyntaxException {
        assertEquals(written, write(new Atom(text)));
        assertEquals(new Atom(text), read("X=" + written).get(0).value());
    }

    @Test
    void writtenGroupsReadBack() throws PtsSyntaxException {
        Group g = Group.of(new Atom("a b"), Atom.EMPTY, Group.of(Atom.EMPTY), Group.of(new Atom("x"), Group.of(new Atom("\t"))));
        assertEquals("(\"a b\",,(\"\"),(x,(\"\t\")))", write(g));
        assertEquals(g, read("X=" + write(g)).get(0).value());
        assertEquals("\"\"", write(Atom.EMPTY));
    }
}
