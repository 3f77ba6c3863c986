using NewsMonitor.Feeds;

namespace NewsMonitor.Tests.Feeds;

public sealed class HtmlTextTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("  plain   text\n here ", "plain text here")]
    [InlineData("<p>One</p><p>Two</p>", "One Two")]
    [InlineData("Mis<b>tral</b> <i>AI</i>", "Mistral AI")]
    [InlineData("line<br>break<br/>again", "line break again")]
    [InlineData("<ul><li>a</li><li>b</li></ul>", "a b")]
    [InlineData("Caf&eacute; &amp; cr&egrave;me&nbsp;!", "Café & crème !")]
    [InlineData("&lt;b&gt;not a tag&lt;/b&gt;", "<b>not a tag</b>")]
    [InlineData("before<script>var x = '<p>';</script>after", "before after")]
    [InlineData("<style>p { color: red }</style>Text", "Text")]
    [InlineData("a <!-- a comment <p> --> b", "a b")]
    [InlineData("<a href=\"x?a=1&b=2\" title=\"a > b\">link</a>", "link")]
    [InlineData("3 < 4 and 5 > 4", "3 < 4 and 5 > 4")]
    [InlineData("AT&T rocks", "AT&T rocks")]
    [InlineData("<p>unclosed <b>bold", "unclosed bold")]
    [InlineData("<img src=\"x.png\" alt=\"ignored\">Caption", "Caption")]
    [InlineData("<div><![CDATA[kept]]></div>", "kept")]
    [InlineData("<p>&#8217;quoted&#x2019;</p>", "’quoted’")]
    public void Markup_becomes_the_text_a_reader_sees(string? html, string expected) => Assert.Equal(expected, HtmlText.ToPlainText(html));

    [Theory]
    [InlineData("<p>Read <a href=http://x.example/\">this</a> then the rest.</p><p>Next paragraph.</p>", "Read this then the rest. Next paragraph.")]
    [InlineData("<a title=it's href=/x>Mistral</a> signs the deal. Commission reacts.", "Mistral signs the deal. Commission reacts.")]
    [InlineData("<img alt=\"it's>Caption here.\nMore text on a new line\" ok.", "Caption here. More text on a new line\" ok.")]
    [InlineData("<a href=\"/x>Link text</a> and <b>the rest</b> stays.", "Link text and the rest stays.")]
    [InlineData("<span title='never closed>Kept words</span>", "Kept words")]
    [InlineData("<a href=\"/x\" title=\"a > b\">link</a> after", "link after")]
    public void A_stray_quote_or_broken_attribute_never_swallows_the_text_after_it(string html, string expected) =>
        Assert.Equal(expected, HtmlText.ToPlainText(html));
}
