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
	// Consecutive stream outputs are pieces of one text (nbclient does not
	// merge them).
	var all strings.Builder
	for _, o := range c.Outputs {
		switch {
		case o.OutputType == "stream":
			all.WriteString(o.TextOf())
		case o.Data[repro.MIMEType] != nil, o.OutputType == "error":
		case o.Data["text/html"] != nil:
			all.WriteString("\n" + htmlText(multiline(o.Data["text/html"])) + "\n")
		default:
			all.WriteString("\n" + o.TextOf() + "\n")
		}
	}
	var lines []string
	for _, l := range strings.Split(all.String(), "\n") {
		l = strings.TrimSpace(stripANSI(l))
		if l == "" || strings.HasPrefix(l, "# gonb_") {
			continue
		}
		lines = append(lines, l)
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
