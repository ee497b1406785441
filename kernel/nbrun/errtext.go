package nbrun

import (
	"html"
	"regexp"
	"strings"

	"github.com/golgi-sim/golgi/kernel/repro"
)

var (
	reStyle = regexp.MustCompile(`(?s)<style.*?</style>`)
	reTag   = regexp.MustCompile(`<[^>]+>`)
)

// ErrorText returns the readable text of a failed cell's outputs: stream
// text and the text of HTML displays (GoNB shows compile errors as HTML),
// at most max non-empty lines, the first ones (where Go puts the error).
func ErrorText(c Cell, max int) string {
	var lines []string
	for _, o := range c.Outputs {
		var text string
		switch {
		case o.OutputType == "stream":
			text = o.TextOf()
		case o.Data[repro.MIMEType] != nil:
			continue
		case o.Data["text/html"] != nil:
			text = htmlText(multiline(o.Data["text/html"]))
		case o.OutputType == "error":
			continue
		default:
			text = o.TextOf()
		}
		for _, l := range strings.Split(text, "\n") {
			l = strings.TrimSpace(stripANSI(l))
			if l == "" || strings.HasPrefix(l, "# gonb_") {
				continue
			}
			lines = append(lines, l)
		}
	}
	if len(lines) > max {
		lines = lines[:max]
	}
	return strings.Join(lines, "\n")
}

func htmlText(h string) string {
	h = reStyle.ReplaceAllString(h, "")
	h = strings.ReplaceAll(h, "</div>", "</div>\n")
	return html.UnescapeString(reTag.ReplaceAllString(h, ""))
}

var reANSI = regexp.MustCompile("\x1b\\[[0-9;]*m")

func stripANSI(s string) string { return reANSI.ReplaceAllString(s, "") }

