package sign_test

import (
	"fmt"

	"github.com/gowx/gowx/server/sign"
)

func ExampleJSAPI() {
	ticket := "sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg"
	fmt.Println(sign.JSAPI(ticket, "Wm3WZYTPz0wzccnW", 1414587457, "http://mp.weixin.qq.com?params=value#top"))
	// Output: 0f9de62fce790f9a083d5c99e95740ceb90c27ed
}
