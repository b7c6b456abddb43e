//! Per-endpoint errors: handlers return subsets of the API's enum, and each
//! operation's OpenAPI document lists exactly what it answers (its subset,
//! the request errors of its extractors and of the layer, mapped as the
//! layer maps them), which the real answers of a running server fit.

use api_error::axum::{ApiErrorLayer, Json, Path, Valid};
use api_error::catalog::{Catalog, ErrorSet, Handler};
use api_error::utoipa::Responses;
use api_error::{ApiError, FieldErrors, RequestError};
use axum::http::StatusCode;
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::{json, Value};
use utoipa::OpenApi;
use validator::Validate;

/// The errors of the users API.
#[derive(Debug, ApiError)]
#[api(
    format = "problem",
    doc_base = "https://docs.example.com/errors",
    decode
)]
#[api(subset(pub CreateUserError = Duplicate | Validation))]
#[api(subset(pub GetUserError = NotFound))]
pub enum UsersError {
    /// The email belongs to another user.
    #[api(
        status = 409,
        code = "duplicate_email",
        message = "A user with email {email} already exists"
    )]
    Duplicate {
        #[api(extra)]
        email: String,
    },

    /// No user has the id.
    #[api(status = 404, code = "not_found", message = "User {id} not found")]
    NotFound {
        #[api(extra)]
        id: u32,
    },

    /// The body failed validation.
    #[api(
        status = 422,
        code = "validation_error",
        message = "Request validation failed"
    )]
    Validation(#[api(errors)] FieldErrors),

    /// Everything else about the request.
    #[api(transparent)]
    Request(RequestError),
}

/// What the layer answers: validation as the API's own variant, the rest as
/// the request error it is.
impl From<RequestError> for UsersError {
    fn from(error: RequestError) -> Self {
        match error {
            RequestError::Validation(errors) => UsersError::Validation(errors),
            other => UsersError::Request(other),
        }
    }
}

/// A new user.
#[derive(Deserialize, Validate, utoipa::ToSchema, schemars::JsonSchema)]
pub struct NewUser {
    #[validate(email(message = "Invalid email format"))]
    email: String,
}

/// The request errors of `POST /users`, as the layer answers them.
type CreateUserResponses =
    Responses<CreateUserError, (Valid<Json<NewUser>>, ApiErrorLayer), UsersError>;
/// The request errors of `GET /users/{id}`.
type GetUserResponses = Responses<GetUserError, (Path<u32>, ApiErrorLayer), UsersError>;

/// Creates a user.
#[utoipa::path(
    post,
    path = "/users",
    request_body = NewUser,
    responses((status = 201, description = "The user"), CreateUserResponses)
)]
pub(crate) async fn create_user(
    Valid(Json(user)): Valid<Json<NewUser>>,
) -> Result<(StatusCode, Json<Value>), CreateUserError> {
    if user.email == "taken@example.com" {
        return Err(CreateUserError::Duplicate { email: user.email });
    }
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": 2, "email": user.email })),
    ))
}

/// Reads a user.
#[utoipa::path(
    get,
    path = "/users/{id}",
    params(("id" = u32, Path, description = "The user's id")),
    responses((status = 200, description = "The user"), GetUserResponses)
)]
pub(crate) async fn get_user(Path(id): Path<u32>) -> Result<Json<Value>, GetUserError> {
    if id == 1 {
        return Ok(Json(json!({ "id": 1, "email": "ada@example.com" })));
    }
    Err(GetUserError::NotFound { id })
}

#[derive(OpenApi)]
#[openapi(paths(create_user, get_user))]
pub(crate) struct ApiDoc;

fn app() -> Router {
    Router::new()
        .route("/users", post(create_user))
        .route("/users/{id}", get(get_user))
        .layer(ApiErrorLayer::new().map_request_errors(UsersError::from))
}

fn operation<'a>(doc: &'a Value, method: &str, path: &str) -> &'a Value {
    &doc["paths"][path][method]["responses"]
}

/// The codes a response of the document lists, in order.
fn codes(responses: &Value, status: &str) -> Vec<String> {
    let examples = responses[status]["content"]["application/problem+json"]["examples"]
        .as_object()
        .unwrap_or_else(|| panic!("no {status} examples: {responses}"));
    examples
        .values()
        .map(|example| example["summary"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn each_operation_documents_its_own_errors() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    let create = operation(&doc, "post", "/users");
    let statuses: Vec<&String> = create.as_object().unwrap().keys().collect();
    assert_eq!(
        statuses,
        ["201", "400", "404", "405", "408", "409", "413", "415", "422", "500"]
    );
    assert_eq!(codes(create, "409"), ["duplicate_email"]);
    // The validation failure is the API's own variant, as the layer maps it,
    // beside the members a body that does not fit its type names.
    let mut unprocessable = codes(create, "422");
    unprocessable.sort();
    assert_eq!(
        unprocessable,
        [
            "invalid_parameter",
            "invalid_parameter",
            "invalid_parameter",
            "invalid_parameter",
            "invalid_parameter",
            "invalid_request",
            "validation_error"
        ]
    );
    // No other endpoint's errors.
    assert_eq!(codes(create, "404"), ["route_not_found"]);

    let read = operation(&doc, "get", "/users/{id}");
    let statuses: Vec<&String> = read.as_object().unwrap().keys().collect();
    assert_eq!(statuses, ["200", "400", "404", "405", "408", "500"]);
    assert_eq!(codes(read, "400"), ["invalid_path_parameter"]);
    assert_eq!(codes(read, "404"), ["not_found", "route_not_found"]);
    // Two codes answer 404: a choice between their schemas, told apart by
    // the problem's `code`.
    let schema = &read["404"]["content"]["application/problem+json"]["schema"];
    assert_eq!(
        schema["oneOf"].as_array().map(Vec::len),
        Some(2),
        "{schema}"
    );
    let examples = &read["404"]["content"]["application/problem+json"]["examples"];
    assert_eq!(examples["NotFound"]["value"]["id"], 0, "{examples}");
    assert_eq!(
        examples["RouteNotFound"]["summary"], "route_not_found",
        "{examples}"
    );
}

/// Puts `body` into the document as a named example of the response
/// `status` of `method path`; a status the operation does not document
/// fails the test.
pub(crate) fn add_example(
    doc: &mut Value,
    method: &str,
    path: &str,
    status: u16,
    name: &str,
    body: Value,
) {
    let content = doc["paths"][path][method]["responses"][status.to_string()]["content"]
        .as_object_mut()
        .unwrap_or_else(|| panic!("{method} {path} documents no {status} body: {body}"));
    let media = content.values_mut().next().unwrap();
    media["examples"][name] = json!({ "value": body });
}

/// A request: its method, the documented path it belongs to, its URL path,
/// its content type and body, and the code of its answer (none for a
/// success).
pub(crate) type Sent = (
    &'static str,
    &'static str,
    &'static str,
    Option<(&'static str, &'static str)>,
    &'static str,
);

/// Serves `app` on 127.0.0.1, sends it every kind of request the users API
/// answers, and puts each error answer into `doc` as an example of the
/// response its operation documents for that status; then runs the
/// validator, which checks each against its schema.
pub(crate) async fn answers_fit(app: Router, mut doc: Value, name: &str) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    let client = reqwest::Client::new();

    // Each request, the operation whose document must list its answer, and
    // the code it answers.
    let json = "application/json";
    let requests: [Sent; 12] = [
        ("get", "/users/{id}", "/users/1", None, ""),
        (
            "post",
            "/users",
            "/users",
            Some((json, r#"{"email":"new@example.com"}"#)),
            "",
        ),
        (
            "post",
            "/users",
            "/users",
            Some((json, r#"{"email":"taken@example.com"}"#)),
            "duplicate_email",
        ),
        (
            "post",
            "/users",
            "/users",
            Some((json, r#"{"email":"ada"}"#)),
            "validation_error",
        ),
        (
            "post",
            "/users",
            "/users",
            Some((json, r#"{"email":"#)),
            "invalid_json",
        ),
        (
            "post",
            "/users",
            "/users",
            Some((json, r#"{}"#)),
            "invalid_request",
        ),
        (
            "post",
            "/users",
            "/users",
            Some((json, r#"{"email":5}"#)),
            "invalid_parameter",
        ),
        (
            "post",
            "/users",
            "/users",
            Some(("text/plain", "hi")),
            "unsupported_media_type",
        ),
        (
            "get",
            "/users/{id}",
            "/users/abc",
            None,
            "invalid_path_parameter",
        ),
        ("get", "/users/{id}", "/users/7", None, "not_found"),
        (
            "get",
            "/users/{id}",
            "/users/7/posts",
            None,
            "route_not_found",
        ),
        ("get", "/users/{id}", "/users", None, "method_not_allowed"),
    ];
    for (index, (method, documented, url, body, code)) in requests.into_iter().enumerate() {
        let mut request = match method {
            "post" => client.post(format!("{base}{url}")),
            _ => client.get(format!("{base}{url}")),
        };
        if let Some((content_type, body)) = body {
            request = request.header("content-type", content_type).body(body);
        }
        let response = request.send().await.unwrap();
        let status = response.status().as_u16();
        let answer: Value = response.json().await.unwrap();
        if code.is_empty() {
            assert!(status < 300, "{url}: {answer}");
            // A success documented with a body (as aide documents one) is
            // checked too.
            let content =
                &doc["paths"][documented][method]["responses"][status.to_string()]["content"];
            if content
                .as_object()
                .is_some_and(|content| !content.is_empty())
            {
                add_example(&mut doc, method, documented, status, "served", answer);
            }
            continue;
        }
        assert_eq!(answer["code"], code, "{url}: {answer}");
        add_example(
            &mut doc,
            method,
            documented,
            status,
            &format!("served_{index}"),
            answer,
        );
    }
    server.abort();

    let lines = crate::openapi::validate(&[(name, doc)]);
    assert!(lines[0].contains("valid OpenAPI 3.1.0"), "{}", lines[0]);
}

#[tokio::test]
async fn every_answer_of_a_running_server_is_documented_and_fits() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    answers_fit(app(), doc, "endpoint-errors-utoipa").await;
}

/// What a handler answers, read from its signature, and the layer's errors
/// as the layer maps them.
pub(crate) fn answers<Args, H>(handler: &H) -> ErrorSet
where
    H: Handler<Args>,
    H::Error: Catalog,
{
    ErrorSet::of_handler(handler, UsersError::from)
        .with_request_errors_as::<ApiErrorLayer, UsersError>(UsersError::from)
}

#[test]
fn the_document_says_what_each_handler_answers() {
    let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
    assert_eq!(
        answers(&create_user).check_operation(&doc, "post", "/users"),
        Vec::<String>::new()
    );
    assert_eq!(
        answers(&get_user).check_operation(&doc, "get", "/users/{id}"),
        Vec::<String>::new()
    );

    // A document that lists another handler's errors is caught both ways.
    let problems = answers(&get_user).check_operation(&doc, "post", "/users");
    assert!(
        problems.contains(&"POST /users: answers 404 `not_found` (NotFound), which its 404 response does not name".to_owned()),
        "{problems:#?}"
    );
    assert!(
        problems
            .contains(&"POST /users: documents 409, which none of its errors answers".to_owned()),
        "{problems:#?}"
    );
    assert!(
        problems.contains(
            &"POST /users: documents 400 `invalid_json`, which none of its errors has".to_owned()
        ),
        "{problems:#?}"
    );
    let problems = answers(&create_user).check_operation(&doc, "get", "/users/{id}");
    assert!(
        problems.contains(&"GET /users/{id}: answers 409 `duplicate_email` (Duplicate), which the document does not list".to_owned()),
        "{problems:#?}"
    );
    assert_eq!(
        answers(&get_user).check_operation(&doc, "delete", "/users/{id}"),
        ["DELETE /users/{id}: not in the document"]
    );
}
