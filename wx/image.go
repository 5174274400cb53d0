package wx

import "context"

// SizeType is the size of a chosen image.
type SizeType string

// Image sizes.
const (
	SizeOriginal   SizeType = "original"
	SizeCompressed SizeType = "compressed"
)

// SourceType is where an image comes from.
type SourceType string

// Image sources.
const (
	SourceAlbum  SourceType = "album"
	SourceCamera SourceType = "camera"
)

// ChooseImageOptions are the options of ChooseImage. The zero value takes
// jweixin's defaults: up to 9 images, either size, from album or camera.
type ChooseImageOptions struct {
	// Count is the most images the user may choose, 1 to 9; 0 means 9.
	Count int
	// SizeType lists the sizes offered; empty means both.
	SizeType []SizeType
	// SourceType lists the sources offered; empty means both.
	SourceType []SourceType
}

// ChooseImageResult is what ChooseImage returns.
type ChooseImageResult struct {
	// LocalIDs identify the chosen images on the device. They are not URLs a
	// page can always load (never on iOS WKWebView): read the data with
	// GetLocalImgData to show them.
	LocalIDs []string
	// SourceType is where the images came from, when the client says.
	SourceType SourceType
}

// ChooseImage lets the user take photos or pick them from the album
// (wx.chooseImage).
func (s *SDK) ChooseImage(ctx context.Context, o ChooseImageOptions) *Future[ChooseImageResult] {
	if o.Count < 0 || o.Count > 9 {
		return settled(ChooseImageResult{}, error(badOptions(APIChooseImage, "Count %d is outside 1..9", o.Count)))
	}
	args := map[string]any{}
	if o.Count > 0 {
		args["count"] = o.Count
	}
	if len(o.SizeType) > 0 {
		args["sizeType"] = o.SizeType
	}
	if len(o.SourceType) > 0 {
		args["sourceType"] = o.SourceType
	}
	return invoke(ctx, s, APIChooseImage, args, func(res []byte) (ChooseImageResult, error) {
		w, err := decodeJSON[struct {
			LocalIDs   stringList `json:"localIds"`
			SourceType text       `json:"sourceType"`
		}](res)
		return ChooseImageResult{LocalIDs: w.LocalIDs, SourceType: SourceType(w.SourceType)}, err
	})
}
