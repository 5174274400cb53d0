package wx

// Where Load finds jweixin when the page has not loaded it.
const (
	// ScriptURL is WeChat's official jweixin 1.6.0.
	ScriptURL = "https://res.wx.qq.com/open/js/jweixin-1.6.0.js"
	// FallbackScriptURL is the same file on WeChat's second host.
	FallbackScriptURL = "https://res2.wx.qq.com/open/js/jweixin-1.6.0.js"
)
