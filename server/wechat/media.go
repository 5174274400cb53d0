package wechat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Media endpoint paths, relative to the base URL.
const (
	// PathMedia downloads a temporary media (what wx.uploadImage and
	// wx.uploadVoice sent WeChat, kept for 3 days): the file itself, or
	// {"video_url"} for a video.
	PathMedia = "/cgi-bin/media/get"
	// PathMediaJSSDK downloads a wx.uploadVoice recording in high
	// definition: speex, 16 kHz.
	PathMediaJSSDK = "/cgi-bin/media/get/jssdk"
)

// MaxMediaBytes bounds a download: WeChat keeps images, voices and videos
// of at most 10 MB. A longer answer fails with ErrMediaTooLarge.
const MaxMediaBytes = 10 << 20

// More sentinels, for the media endpoints.
var (
	// ErrMediaNotFound: the media_id is unknown, or expired (40007).
	ErrMediaNotFound = errors.New("media_id unknown or expired")
	// ErrAPIUnauthorized: the account may not call the endpoint (48001).
	ErrAPIUnauthorized = errors.New("interface not authorised for the account")
	// ErrMediaTooLarge: the media is over the limit of the download.
	ErrMediaTooLarge = errors.New("media too large")
	// ErrVideo: the media is a video, which WeChat hands out as a URL (see
	// VideoError).
	ErrVideo = errors.New("the media is a video, to download from its URL")
)

// hints say what to check for an errcode, for the ones a caller can act on.
var hints = map[int]string{
	40007: "WeChat keeps what a page uploads (wx.uploadImage, wx.uploadVoice) for 3 days: fetch it soon after the upload, and check the media_id is the serverId the page got",
	48001: "the account is not authorised for this interface: media download needs a verified official account with the JS-SDK media permissions",
}

// Hint says what to check for e's errcode, as its endpoint means it (48001
// is a token's scope on the sns endpoints, the account's permissions on
// the others), or "" if nothing in particular.
func (e *APIError) Hint() string {
	if strings.HasPrefix(e.Endpoint, "/sns/") || e.Endpoint == PathAuthorize {
		return Hint(e.Code)
	}
	if h, ok := hints[e.Code]; ok {
		return h
	}
	return Hint(e.Code)
}

// VideoError is the answer for a video: WeChat gives its download URL
// instead of the file. It matches ErrVideo.
type VideoError struct {
	MediaID string
	URL     string
}

func (e *VideoError) Error() string {
	return "wechat " + PathMedia + ": media " + e.MediaID + " is a video, at its URL"
}

// Is matches ErrVideo.
func (e *VideoError) Is(target error) bool { return target == ErrVideo }

// MediaInfo describes a downloaded media, as WeChat's headers give it,
// clamped: nothing in it is longer than a few hundred bytes or holds
// other than printable ASCII.
type MediaInfo struct {
	MediaID string
	// ContentType is the media type, without parameters, in lower case:
	// image/jpeg, audio/amr, voice/speex, ...
	ContentType string
	// Filename is the file name of Content-Disposition (letters, digits,
	// '.', '_', '-'), or "".
	Filename string
	// Size is Content-Length, or -1 if not given.
	Size int64
	// HD is set for a high-definition voice (PathMediaJSSDK).
	HD bool
}

// mediaIDPattern is the shape of a media_id, checked before any call: it
// goes into a query and, at a file sink, into a file name.
var mediaIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

// ValidMediaID reports whether id has the shape of a media_id: 1 to 128
// letters, digits, '_' or '-'.
func ValidMediaID(id string) bool { return mediaIDPattern.MatchString(id) }

// ErrBadMediaID is returned, before any call, for a media_id that is not
// ValidMediaID.
var ErrBadMediaID = errors.New("a media_id is 1 to 128 letters, digits, _ or -")

// Media downloads the temporary media mediaID with accessToken. The body
// streams from WeChat: read it to the end and close it. A read past
// MaxMediaBytes, or past a Content-Length WeChat announced, fails. An
// ErrTokenRejected error means accessToken is no longer valid, and comes
// before any body.
func (c *Client) Media(ctx context.Context, accessToken, mediaID string) (io.ReadCloser, MediaInfo, error) {
	return c.media(ctx, PathMedia, accessToken, mediaID)
}

// HDVoice downloads the voice mediaID, uploaded by wx.uploadVoice, in
// high definition (speex, 16 kHz), as Media does.
func (c *Client) HDVoice(ctx context.Context, accessToken, mediaID string) (io.ReadCloser, MediaInfo, error) {
	return c.media(ctx, PathMediaJSSDK, accessToken, mediaID)
}

func (c *Client) media(ctx context.Context, path, token, mediaID string) (io.ReadCloser, MediaInfo, error) {
	if !ValidMediaID(mediaID) {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w", path, ErrBadMediaID)
	}
	body, info, err := c.fetchMedia(ctx, path, token, mediaID)
	if c.Observe != nil {
		c.Observe(path, err)
	}
	return body, info, err
}

func (c *Client) fetchMedia(ctx context.Context, path, token, mediaID string) (io.ReadCloser, MediaInfo, error) {
	base := c.BaseURL
	if base == "" {
		base = DefaultBaseURL
	}
	u := strings.TrimRight(base, "/") + path + "?" + url.Values{"access_token": {token}, "media_id": {mediaID}}.Encode()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w", path, redact(err))
	}
	hc := c.HTTP
	if hc == nil {
		hc = defaultHTTP
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w: %w", path, ErrUnavailable, redact(err))
	}
	keep := false
	defer func() {
		if !keep {
			resp.Body.Close()
		}
	}()
	if resp.StatusCode != http.StatusOK {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w: %w", path, statusError(resp.StatusCode), ErrUnavailable)
	}
	mt, _, err := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if err != nil || len(mt) > 100 {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w: no usable Content-Type: %w", path, errMalformed, ErrUnavailable)
	}
	// WeChat answers errors, and videos, in JSON, labelled application/json
	// or text/plain; the media themselves with their own type.
	if mt == "application/json" || mt == "text/plain" {
		return nil, MediaInfo{}, c.mediaJSON(path, token, mediaID, resp.Body)
	}
	if !mediaType(mt) {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w: Content-Type %s is no media: %w", path, errMalformed, mt, ErrUnavailable)
	}
	if resp.ContentLength > MaxMediaBytes {
		return nil, MediaInfo{}, fmt.Errorf("wechat %s: %w: %d bytes announced, over %d", path, ErrMediaTooLarge, resp.ContentLength, MaxMediaBytes)
	}
	info := MediaInfo{MediaID: mediaID, ContentType: mt, Filename: filename(resp.Header.Get("Content-Disposition")),
		Size: resp.ContentLength, HD: path == PathMediaJSSDK}
	keep = true
	return &mediaBody{rc: resp.Body, left: MaxMediaBytes, path: path}, info, nil
}

// mediaJSON reads a JSON answer of a media endpoint: an errcode, or a
// video's URL. It is always an error.
func (c *Client) mediaJSON(path, token, mediaID string, body io.Reader) error {
	data, err := io.ReadAll(io.LimitReader(body, maxBody))
	if err != nil {
		return fmt.Errorf("wechat %s: reading answer: %w: %w", path, ErrUnavailable, redact(err))
	}
	var out struct {
		ErrCode  int    `json:"errcode"`
		ErrMsg   string `json:"errmsg"`
		VideoURL string `json:"video_url"`
	}
	if err := json.Unmarshal(data, &out); err != nil {
		return fmt.Errorf("wechat %s: %w: %w", path, errMalformed, ErrUnavailable)
	}
	switch {
	case out.ErrCode != 0:
		return &APIError{Endpoint: path, Code: out.ErrCode, Msg: scrub(out.ErrMsg, c.Secret, token)}
	case out.VideoURL != "":
		u, err := url.Parse(out.VideoURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(out.VideoURL) > 2048 {
			return fmt.Errorf("wechat %s: %w: video_url is no http(s) URL: %w", path, errMalformed, ErrUnavailable)
		}
		return &VideoError{MediaID: mediaID, URL: out.VideoURL}
	}
	return fmt.Errorf("wechat %s: %w: JSON without errcode or video_url: %w", path, errMalformed, ErrUnavailable)
}

// mediaType reports whether mt is a type WeChat serves media as.
func mediaType(mt string) bool {
	top, _, _ := strings.Cut(mt, "/")
	switch top {
	case "image", "audio", "voice", "video":
		return true
	}
	return mt == "application/octet-stream"
}

// filename is the file name of a Content-Disposition, kept to a safe
// shape, or "".
func filename(disposition string) string {
	_, params, err := mime.ParseMediaType(disposition)
	if err != nil {
		return ""
	}
	name := params["filename"]
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	if len(name) > 128 || strings.HasPrefix(name, ".") || !safeName.MatchString(name) {
		return ""
	}
	return name
}

var safeName = regexp.MustCompile(`^[A-Za-z0-9._-]+$`)

// mediaBody is a download's body, bounded: a read past left bytes fails
// with ErrMediaTooLarge rather than handing out part of a file as whole.
type mediaBody struct {
	rc   io.ReadCloser
	left int64
	path string
}

func (b *mediaBody) Read(p []byte) (int, error) {
	if int64(len(p)) > b.left+1 {
		p = p[:b.left+1]
	}
	n, err := b.rc.Read(p)
	if int64(n) > b.left {
		return int(b.left), fmt.Errorf("wechat %s: %w: over %d bytes", b.path, ErrMediaTooLarge, int64(MaxMediaBytes))
	}
	b.left -= int64(n)
	if err != nil && err != io.EOF {
		err = fmt.Errorf("wechat %s: reading media: %w: %w", b.path, ErrUnavailable, redact(err))
	}
	return n, err
}

func (b *mediaBody) Close() error { return b.rc.Close() }

// Is the errcodes of the media endpoints; see APIError.Is.
func mediaIs(code int, target error) bool {
	switch target {
	case ErrMediaNotFound:
		return code == 40007
	case ErrAPIUnauthorized:
		return code == 48001
	}
	return false
}

// MediaExtension is the file extension of a media of type ct (a media
// type without parameters, as MediaInfo.ContentType), with its dot, or ""
// for a type it does not know.
func MediaExtension(ct string) string {
	switch ct {
	case "image/jpeg":
		return ".jpg"
	case "image/png":
		return ".png"
	case "image/gif":
		return ".gif"
	case "audio/amr":
		return ".amr"
	case "voice/speex", "audio/speex":
		return ".speex"
	case "audio/mpeg", "audio/mp3":
		return ".mp3"
	}
	if strings.HasPrefix(ct, "video/") {
		return ".mp4"
	}
	return ""
}
