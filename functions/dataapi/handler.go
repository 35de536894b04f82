package main

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/cdk-data-patterns/patterns/functions/dataapi/query"
	"github.com/cdk-data-patterns/patterns/functions/internal/wait"
)

// API answers the API Gateway proxy events of the data API.
type API struct {
	Spec    query.Spec
	Queries map[string]*query.Compiled // by resource path "/<name>"
	Backend Backend
	MAC     MAC
	Log     *slog.Logger
	Now     func() time.Time
	// Polling the engine starts after FirstPoll and doubles up to MaxPoll;
	// the handler gives up (503) when less than Margin would be left of
	// the invocation's time.
	FirstPoll, MaxPoll, Margin time.Duration
	Sleep                      wait.Func
}

// NewAPI compiles the spec's queries for its backend.
func NewAPI(spec query.Spec, b Backend, m MAC, log *slog.Logger) (*API, error) {
	a := &API{Spec: spec, Queries: map[string]*query.Compiled{}, Backend: b, MAC: m, Log: log, Now: time.Now,
		FirstPoll: 200 * time.Millisecond, MaxPoll: 2 * time.Second, Margin: 2 * time.Second}
	var errs []error
	for _, q := range spec.Queries {
		c, err := query.Compile(q, spec.Backend)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		a.Queries["/"+q.Name] = c
	}
	if spec.DefaultPageSize < 1 || spec.MaxPageSize < spec.DefaultPageSize || spec.MaxPageSize > query.MaxPageSize {
		errs = append(errs, errors.New("page sizes: 1 <= defaultPageSize <= maxPageSize <= "+strconv.Itoa(query.MaxPageSize)))
	}
	if spec.TokenTTLSeconds < 1 {
		errs = append(errs, errors.New("tokenTtlSeconds: at least 1"))
	}
	if len(spec.Queries) == 0 {
		errs = append(errs, errors.New("queries: at least one"))
	}
	return a, errors.Join(errs...)
}

// Response is the JSON body of a successful answer.
type Response struct {
	Query         string   `json:"query"`
	Columns       []string `json:"columns"`
	Rows          [][]any  `json:"rows"`
	NextPageToken string   `json:"nextPageToken,omitempty"`
}

type errorBody struct {
	Message string `json:"message"`
	// QueryID names the failed execution or statement (for the operators).
	QueryID string `json:"queryId,omitempty"`
}

// Handle answers one request.
func (a *API) Handle(ctx context.Context, ev events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	q := a.Queries[ev.Resource]
	if q == nil {
		return reply(http.StatusNotFound, errorBody{Message: "no such resource"}), nil
	}
	if ev.HTTPMethod != http.MethodGet {
		return reply(http.StatusMethodNotAllowed, errorBody{Message: "GET only"}), nil
	}
	values := ev.MultiValueQueryStringParameters
	if values == nil && len(ev.QueryStringParameters) > 0 {
		values = make(map[string][]string, len(ev.QueryStringParameters))
		for k, v := range ev.QueryStringParameters {
			values[k] = []string{v}
		}
	}
	bound, err := q.Bind(values)
	if err != nil {
		return a.fail(ev, q, err, "")
	}
	size := a.Spec.DefaultPageSize
	if v := first(values[query.PageSizeKey]); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > a.Spec.MaxPageSize {
			return a.fail(ev, q, &query.RequestError{Msg: "page_size: a whole number from 1 to " + strconv.Itoa(a.Spec.MaxPageSize)}, "")
		}
		size = n
	}
	texts := make([]string, len(bound))
	for i, v := range bound {
		texts[i] = v.Text
	}
	bind := binding(caller(ev), size, texts)

	var cur Cursor
	if tok := first(values[query.PageTokenKey]); tok != "" {
		cur, err = open(ctx, a.MAC, tok, q.Name, bind, a.Now())
		if err != nil {
			return a.fail(ev, q, err, "")
		}
	} else {
		id, err := a.Backend.Start(ctx, q, bound)
		if err != nil {
			return a.fail(ev, q, err, "")
		}
		if err := a.wait(ctx, id); err != nil {
			return a.fail(ev, q, err, id)
		}
		cur = Cursor{Query: q.Name, ID: id, Bind: bind, Expires: a.Now().Add(time.Duration(a.Spec.TokenTTLSeconds) * time.Second).Unix()}
	}
	page, err := a.Backend.Page(ctx, cur, size)
	if err != nil {
		return a.fail(ev, q, err, cur.ID)
	}
	out := Response{Query: q.Name, Columns: page.Columns, Rows: page.Rows}
	if out.Columns == nil {
		out.Columns = []string{}
	}
	if page.Next != nil {
		if out.NextPageToken, err = seal(ctx, a.MAC, *page.Next); err != nil {
			return a.fail(ev, q, err, cur.ID)
		}
	}
	a.Log.Info("query", slog.String("query", q.Name), slog.String("id", cur.ID), slog.Int("rows", len(page.Rows)),
		slog.Bool("more", page.Next != nil), slog.String("requestId", ev.RequestContext.RequestID))
	return reply(http.StatusOK, out), nil
}

var errStillRunning = errors.New("the query is still running at the end of the request's time")

// wait polls the engine until the query ends or time runs short.
func (a *API) wait(ctx context.Context, id string) error {
	backoff := a.FirstPoll
	for {
		st, msg, err := a.Backend.State(ctx, id)
		if err != nil {
			return err
		}
		switch st {
		case Succeeded:
			return nil
		case Failed:
			return errors.Join(ErrQueryFailed, errors.New(msg))
		}
		if dl, ok := ctx.Deadline(); ok && time.Until(dl) < backoff+a.Margin {
			return errStillRunning
		}
		if err := wait.Or(a.Sleep)(ctx, backoff); err != nil {
			return err
		}
		backoff = min(backoff*2, a.MaxPoll)
	}
}

// fail maps err to a response: 400 for the caller's mistakes, 502 for a
// failed query, 503 for one still running, 500 otherwise. Only the 400
// messages are the caller's business; the others are logged.
func (a *API) fail(ev events.APIGatewayProxyRequest, q *query.Compiled, err error, id string) (events.APIGatewayProxyResponse, error) {
	var re *query.RequestError
	switch {
	case errors.As(err, &re):
		return reply(http.StatusBadRequest, errorBody{Message: re.Msg}), nil
	case errors.Is(err, errBadToken):
		return reply(http.StatusBadRequest, errorBody{Message: err.Error()}), nil
	}
	a.Log.Error("query", slog.String("query", q.Name), slog.String("id", id), slog.String("error", err.Error()),
		slog.String("requestId", ev.RequestContext.RequestID))
	switch {
	case errors.Is(err, ErrQueryFailed):
		return reply(http.StatusBadGateway, errorBody{Message: "the query failed", QueryID: id}), nil
	case errors.Is(err, errStillRunning):
		r := reply(http.StatusServiceUnavailable, errorBody{Message: "the query did not finish in time; try again later or narrow it", QueryID: id})
		r.Headers["Retry-After"] = "30"
		return r, nil
	}
	return reply(http.StatusInternalServerError, errorBody{Message: "internal error"}), nil
}

func reply(status int, body any) events.APIGatewayProxyResponse {
	b, _ := json.Marshal(body)
	return events.APIGatewayProxyResponse{
		StatusCode: status,
		Headers: map[string]string{
			"Content-Type":           "application/json",
			"Cache-Control":          "no-store",
			"X-Content-Type-Options": "nosniff",
		},
		Body: string(b),
	}
}

func first(vs []string) string {
	if len(vs) == 0 {
		return ""
	}
	return vs[0]
}

// caller is the identity API Gateway authenticated: the IAM principal
// (AWS_IAM) or the Cognito user's sub (COGNITO_USER_POOLS).
func caller(ev events.APIGatewayProxyRequest) string {
	if arn := ev.RequestContext.Identity.UserArn; arn != "" {
		return "iam:" + arn
	}
	if claims, ok := ev.RequestContext.Authorizer["claims"].(map[string]any); ok {
		if sub, ok := claims["sub"].(string); ok {
			return "cognito:" + sub
		}
	}
	return ""
}
