//go:build !js

package wxfakecdp_test

import (
	"bytes"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/gowx/gowx/wx"
)

// What uploadImage and uploadVoice send reaches the fake WeChat whole: the
// picture chooseImage made, the recording stopRecord ended, byte for byte
// under the serverId the page got, on both SDKs and flavours.
func TestUploadsReachTheFakeWeChat(t *testing.T) {
	bothSDKs(t, func(t *testing.T, sdk, flavour string) []record {
		ctx := open(t, sdk, flavour)
		configure(t, ctx)
		call(t, ctx, wx.APIChooseImage, `{count: 1}`)
		up := call(t, ctx, wx.APIUploadImage, `{localId: t.got.chooseImage.localIds[0]}`)
		id, _ := up.Res["serverId"].(string)
		if up.errMsg() != "uploadImage:ok" || id == "" {
			t.Fatalf("uploadImage: %+v", up)
		}
		dataURL := eval[string](t, ctx, `wxfake.image(t.got.chooseImage.localIds[0])`)
		picture, err := base64.StdEncoding.DecodeString(dataURL[strings.Index(dataURL, ",")+1:])
		if err != nil || !strings.HasPrefix(dataURL, "data:image/png;") {
			t.Fatalf("the chosen picture %.40s: %v", dataURL, err)
		}
		if got, ok := site.fake.Media(id); !ok || !bytes.Equal(got, picture) {
			t.Fatalf("the fake WeChat holds %d bytes under %s (%v), want the %d of the picture", len(got), id, ok, len(picture))
		}

		call(t, ctx, wx.APIStartRecord, `{}`)
		call(t, ctx, wx.APIStopRecord, `{}`)
		voice := call(t, ctx, wx.APIUploadVoice, `{localId: t.got.stopRecord.localId}`)
		vid, _ := voice.Res["serverId"].(string)
		got, ok := site.fake.Media(vid)
		if voice.errMsg() != "uploadVoice:ok" || !ok || !bytes.HasPrefix(got, []byte("#!AMR\n")) || len(got) != 6+25*32 {
			t.Fatalf("uploadVoice: %+v; the fake holds %d bytes (%v)", voice, len(got), ok)
		}
		down := call(t, ctx, wx.APIDownloadImage, `{serverId: t.got.uploadImage.serverId}`)
		same := eval[bool](t, ctx, `wxfake.image(t.got.downloadImage.localId) === wxfake.image(t.got.chooseImage.localIds[0])`)
		if down.errMsg() != "downloadImage:ok" || !same {
			t.Fatalf("downloadImage of the upload: %+v, same picture %v", down, same)
		}
		return []record{{"uploadImage", up.Callbacks}, {"uploadVoice", voice.Callbacks}}
	})
}
