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

func ExampleCardExt() {
	fmt.Println(sign.CardExt(sign.CardExtParams{
		APITicket: "ojZ8YtyVyr30HheH3CM73y7h4jJE", CardID: "pjZ8Yt1XGILfi-FUsewpnnolGgZk",
		Code: "1434008071", Timestamp: 1404896688, NonceStr: "123",
	}))
	// Output: f137ab68b7f8112d20ee528ab6074564e2796250
}

func ExamplePayV2() {
	p, err := sign.PayV2("192006250b4c09247ec02edce69f6a2d", sign.PayV2MD5, "wxd930ea5d5a258f4f", 1414561699, "5K8264ILTKCH16CQ2502SI8ZNMTM67VS", "wx201410272009395522657a690389285100")
	if err != nil {
		panic(err)
	}
	fmt.Println(p.Package, p.SignType, len(p.PaySign))
	// Output: prepay_id=wx201410272009395522657a690389285100 MD5 32
}
