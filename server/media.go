package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"

	"github.com/gowx/gowx/server/wechat"
	"github.com/gowx/gowx/wire"
)

// MediaSource downloads what pages uploaded to WeChat, with the account's
// access_token; *credential.Account is one.
type MediaSource interface {
	Media(ctx context.Context, mediaID string) (io.ReadCloser, wechat.MediaInfo, error)
	HDVoice(ctx context.Context, mediaID string) (io.ReadCloser, wechat.MediaInfo, error)
}

// MediaInfo describes a media as WeChat sends it.
type MediaInfo = wechat.MediaInfo

// MediaRequest is the body of POST /wx/media.
type MediaRequest = wire.MediaRequest

// MediaResponse is the answer of POST /wx/media.
type MediaResponse = wire.MediaResponse

// MediaSink takes a media as it streams from WeChat: r gives its bytes,
// at most the server's MaxMediaBytes, and fails (ErrMediaTooLarge,
// ErrUnavailable) rather than end early. The sink decides where the media
// goes (a file, an object store, a database) and returns an error if it
// could not keep it all; an *Error is answered as it is, any other as a
// 500.
type MediaSink func(ctx context.Context, info MediaInfo, r io.Reader) error

// DefaultMaxMediaBytes bounds what FetchMedia streams when
// Options.MaxMediaBytes is not set: WeChat's own limit.
const DefaultMaxMediaBytes = wechat.MaxMediaBytes

// FetchMedia fetches the media req names from WeChat (a high-definition
// voice if req.HD) and streams it into sink, never holding it whole. It is
// POST /wx/media without the round trip, for a back end's own handler
// (right after the page reported its upload, say); the endpoint calls it
// with the sink Authorizers.Media returned.
func (s *Server) FetchMedia(ctx context.Context, req MediaRequest, sink MediaSink) (MediaResponse, error) {
	if !wechat.ValidMediaID(req.MediaID) {
		return MediaResponse{}, badRequest("media_id is 1 to 128 letters, digits, _ or -")
	}
	if s.opt.Media == nil {
		return MediaResponse{}, &Error{Status: http.StatusNotFound, Code: wire.CodeNotFound, Message: "no media source is configured"}
	}
	if sink == nil {
		return MediaResponse{}, &Error{Status: http.StatusInternalServerError, Code: wire.CodeInternal, Message: "no media sink"}
	}
	fetch := s.opt.Media.Media
	if req.HD {
		fetch = s.opt.Media.HDVoice
	}
	body, info, err := fetch(ctx, req.MediaID)
	if err != nil {
		return MediaResponse{}, mediaError(req.MediaID, err)
	}
	defer body.Close()
	limit := s.maxMedia()
	if info.Size > limit {
		return MediaResponse{}, tooLargeMedia(limit, nil)
	}
	in := &countingReader{r: body, left: limit}
	sinkErr := sink(ctx, info, in)
	// What went wrong upstream comes first: a sink may have swallowed it.
	if in.err == errMediaOverLimit {
		return MediaResponse{}, tooLargeMedia(limit, in.err)
	}
	if in.err != nil {
		return MediaResponse{}, mediaError(req.MediaID, in.err)
	}
	if sinkErr != nil {
		var e *Error
		if errors.As(sinkErr, &e) {
			return MediaResponse{}, sinkErr
		}
		return MediaResponse{}, &Error{Status: http.StatusInternalServerError, Code: wire.CodeInternal,
			Message: "the media could not be kept", cause: sinkErr}
	}
	return MediaResponse{MediaID: req.MediaID, ContentType: info.ContentType, Filename: info.Filename, Size: in.n, HD: info.HD}, nil
}

func (s *Server) maxMedia() int64 {
	if m := s.opt.MaxMediaBytes; m > 0 && m < DefaultMaxMediaBytes {
		return m
	}
	return DefaultMaxMediaBytes
}

// errMediaOverLimit is what the sink reads past the server's limit.
var errMediaOverLimit = fmt.Errorf("over the server's limit: %w", wechat.ErrMediaTooLarge)

// countingReader hands out at most left bytes, counts them, and keeps the
// first error other than io.EOF, for FetchMedia to answer.
type countingReader struct {
	r    io.Reader
	left int64
	n    int64
	err  error
}

func (c *countingReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if int64(len(p)) > c.left+1 {
		p = p[:c.left+1]
	}
	n, err := c.r.Read(p)
	if int64(n) > c.left {
		n, err = int(c.left), errMediaOverLimit
	}
	c.left -= int64(n)
	c.n += int64(n)
	if err != nil && err != io.EOF {
		c.err = err
	}
	return n, err
}

func tooLargeMedia(limit int64, cause error) *Error {
	return &Error{Status: http.StatusBadGateway, Code: wire.CodeMediaTooLarge,
		Message: fmt.Sprintf("the media is over %d bytes", limit), cause: cause}
}

// mediaError is the Error of a failed download.
func mediaError(id string, err error) *Error {
	var apiErr *wechat.APIError
	hint := ""
	if errors.As(err, &apiErr) {
		hint = apiErr.Hint()
	}
	switch {
	case errors.Is(err, wechat.ErrBadMediaID):
		return badRequest("media_id is 1 to 128 letters, digits, _ or -")
	case errors.Is(err, wechat.ErrMediaNotFound):
		return &Error{Status: http.StatusNotFound, Code: wire.CodeMediaNotFound,
			Message: "WeChat has no media " + id + ", or it has expired (errcode 40007)", hint: hint, cause: err}
	case errors.Is(err, wechat.ErrAPIUnauthorized):
		return &Error{Status: http.StatusBadGateway, Code: wire.CodeUpstreamRefused,
			Message: "WeChat does not let the account download media (errcode 48001)", hint: hint, cause: err}
	case errors.Is(err, wechat.ErrVideo):
		return &Error{Status: http.StatusUnprocessableEntity, Code: wire.CodeMediaIsVideo,
			Message: "media " + id + " is a video, which WeChat gives as a URL: fetch it with Server.FetchMedia's error (wechat.VideoError)", cause: err}
	case errors.Is(err, wechat.ErrMediaTooLarge):
		return tooLargeMedia(wechat.MaxMediaBytes, err)
	}
	return &Error{Status: http.StatusServiceUnavailable, Code: wire.CodeUpstreamUnavailable,
		Message: "the media cannot be fetched from WeChat now: " + upstreamReason(err), cause: err}
}

// serveMedia serves POST /wx/media: the authoriser decides whether the
// caller may fetch the media, and where it goes.
func (s *Server) serveMedia(authorize func(*http.Request, MediaRequest) (MediaSink, error)) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var req MediaRequest
		if err := s.decode(w, r, &req); err != nil {
			s.failWith(w, r, err)
			return
		}
		if !wechat.ValidMediaID(req.MediaID) {
			s.failWith(w, r, badRequest("media_id is 1 to 128 letters, digits, _ or -"))
			return
		}
		sink, err := authorize(r, req)
		if err == nil && sink == nil {
			err = errors.New("no sink for this media")
		}
		if err != nil {
			s.failWith(w, r, refusal(err))
			return
		}
		resp, err := s.FetchMedia(r.Context(), req, sink)
		if err != nil {
			s.failWith(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, resp)
	}
}

// DirSink returns a MediaSink that writes each media to a file of dir,
// named after its media_id (with ".hd" for a high-definition voice) and
// an extension for its type: <dir>/<media_id>[.hd].jpg. A file appears
// whole or not at all (written aside, then renamed), readable by its
// owner only. dir must exist.
func DirSink(dir string) (MediaSink, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("server: media directory: %w", err)
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("server: media directory %s is not a directory", dir)
	}
	return func(ctx context.Context, info MediaInfo, r io.Reader) error {
		if !wechat.ValidMediaID(info.MediaID) { // the name of a file: checked again here
			return wechat.ErrBadMediaID
		}
		name := info.MediaID
		if info.HD {
			name += ".hd"
		}
		name += mediaExtension(info.ContentType)
		tmp, err := os.CreateTemp(dir, ".media-*")
		if err != nil {
			return err
		}
		defer os.Remove(tmp.Name()) // after the rename, there is nothing to remove
		_, err = io.Copy(tmp, r)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return err
		}
		return os.Rename(tmp.Name(), filepath.Join(dir, name))
	}, nil
}

// mediaExtension is the file extension of a media type WeChat serves,
// ".bin" for one it does not name.
func mediaExtension(ct string) string {
	if ext := wechat.MediaExtension(ct); ext != "" {
		return ext
	}
	return ".bin"
}
