package credential

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/gowx/gowx/server/wechat"
)

// Media downloads the temporary media mediaID (what a page's
// wx.uploadImage or wx.uploadVoice sent WeChat) with the account's
// access_token; see wechat.Client.Media. A token WeChat rejects is renewed
// as for the tickets (compare-and-refresh, see Cache.Renew) and the
// download tried once more: the rejection comes before any byte of the
// body, so nothing was streamed yet.
func (a *Account) Media(ctx context.Context, mediaID string) (io.ReadCloser, wechat.MediaInfo, error) {
	return a.withToken(ctx, "media", mediaID, a.client.Media)
}

// HDVoice downloads the voice mediaID in high definition (speex, 16 kHz),
// as Media does; see wechat.Client.HDVoice.
func (a *Account) HDVoice(ctx context.Context, mediaID string) (io.ReadCloser, wechat.MediaInfo, error) {
	return a.withToken(ctx, "HD voice", mediaID, a.client.HDVoice)
}

type mediaFetch func(ctx context.Context, accessToken, mediaID string) (io.ReadCloser, wechat.MediaInfo, error)

func (a *Account) withToken(ctx context.Context, what, mediaID string, fetch mediaFetch) (io.ReadCloser, wechat.MediaInfo, error) {
	if !wechat.ValidMediaID(mediaID) {
		return nil, wechat.MediaInfo{}, fmt.Errorf("%s: %w", what, wechat.ErrBadMediaID)
	}
	tok, err := a.Token.valid(ctx)
	if err != nil {
		return nil, wechat.MediaInfo{}, fmt.Errorf("%s needs the access_token: %w", what, err)
	}
	body, info, err := fetch(ctx, tok.Value, mediaID)
	if errors.Is(err, wechat.ErrTokenRejected) {
		if tok, err = a.Token.Renew(ctx, tok.Value); err != nil {
			return nil, wechat.MediaInfo{}, fmt.Errorf("%s: renewing the rejected access_token: %w", what, err)
		}
		body, info, err = fetch(ctx, tok.Value, mediaID)
	}
	return body, info, err
}
