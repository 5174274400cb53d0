package wx

import "strings"

// Environment is where a page runs.
type Environment int

// The environments of a page.
const (
	// EnvBrowser: an ordinary browser, where jweixin never answers.
	EnvBrowser Environment = iota
	// EnvWeChat: WeChat's built-in browser (or the fake jWeixin).
	EnvWeChat
	// EnvMiniProgram: a web-view inside a WeChat mini program, where
	// MiniProgram() works.
	EnvMiniProgram
)

func (e Environment) String() string {
	switch e {
	case EnvWeChat:
		return "wechat"
	case EnvMiniProgram:
		return "miniprogram"
	}
	return "browser"
}

// env tells where the page runs.
func (p page) env() Environment {
	switch {
	case p.miniProgram || strings.Contains(strings.ToLower(p.userAgent), "miniprogram") && p.inWeChat():
		return EnvMiniProgram
	case p.inWeChat():
		return EnvWeChat
	}
	return EnvBrowser
}
