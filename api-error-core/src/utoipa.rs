//! utoipa integration: every derived type is an `IntoResponses`, so
//! `#[utoipa::path(responses(..., MyError))]` lists each of its statuses with
//! the body schema, headers and one example per variant; [`Responses`] adds
//! the request errors of an operation's extractors and layer.

use crate::catalog::{Catalog, ErrorCatalog, ErrorSet};
use crate::request::RequestErrors;
use crate::{ApiError, RequestError};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::marker::PhantomData;
use utoipa::openapi::example::ExampleBuilder;
use utoipa::openapi::schema::{
    AnyOfBuilder, ArrayBuilder, ArrayItems, Discriminator, ObjectBuilder, OneOfBuilder, Schema,
    SchemaFormat, SchemaType,
};
use utoipa::openapi::{ContentBuilder, HeaderBuilder, Ref, RefOr, Response, ResponseBuilder};

/// The responses of a catalog, by status: what the derived
/// `IntoResponses::responses` returns.
#[doc(hidden)]
#[must_use]
pub fn responses(catalog: &ErrorCatalog) -> BTreeMap<String, RefOr<Response>> {
    to_responses(catalog.openapi_responses())
}

fn to_responses(responses: Map<String, Value>) -> BTreeMap<String, RefOr<Response>> {
    responses
        .into_iter()
        .map(|(status, response)| (status, RefOr::T(to_response(&response))))
        .collect()
}

/// Every error one operation answers, for utoipa's `responses(...)`: those
/// of `E` (a [subset](crate#subsets) of the API's enum, say), and the
/// request errors of the extractors and the layer in `X` (see
/// [`RequestErrors`]), each status once, as [`ErrorSet`] gathers them.
///
/// Request errors are documented as `M` writes them: as [`RequestError`]
/// itself by default, or, when the layer's `map_request_errors` turns them
/// into the API's enum with its `From<RequestError>`, as the variants they
/// become.
///
/// ```
/// use api_error::axum::{ApiErrorLayer, Json, Path};
/// use api_error::utoipa::Responses;
/// use api_error::ApiError;
/// use utoipa::IntoResponses;
///
/// #[derive(Debug, ApiError)]
/// #[api(subset(pub CreateClientError = Duplicate))]
/// pub enum ClientsError {
///     #[api(status = 409, code = "duplicate_email", message = "Email is taken")]
///     Duplicate,
///
///     #[api(status = 404, code = "not_found", message = "Client not found")]
///     NotFound,
/// }
///
/// /// Creates a client.
/// #[utoipa::path(
///     post,
///     path = "/v1/clients",
///     responses(
///         (status = 201, description = "The client"),
///         Responses<CreateClientError, (Json<serde_json::Value>, ApiErrorLayer)>,
///     )
/// )]
/// async fn create_client(Json(body): Json<serde_json::Value>) -> Result<(), CreateClientError> {
///     Err(CreateClientError::Duplicate)
/// }
///
/// let responses = Responses::<CreateClientError, (Json<serde_json::Value>, ApiErrorLayer)>::responses();
/// let statuses: Vec<&str> = responses.keys().map(String::as_str).collect();
/// assert_eq!(statuses, ["400", "404", "405", "408", "409", "413", "415", "422", "500"]);
/// ```
pub struct Responses<E, X = (), M = RequestError>(Types<(E, X, M)>);

/// The types a [`Responses`] names, owned by none of its values.
type Types<T> = PhantomData<fn() -> T>;

impl<E, X, M> utoipa::IntoResponses for Responses<E, X, M>
where
    E: Catalog,
    X: RequestErrors,
    M: Catalog + ApiError + From<RequestError>,
{
    fn responses() -> BTreeMap<String, RefOr<Response>> {
        let set = ErrorSet::of::<E>().with_request_errors_as::<X, M>(M::from);
        to_responses(set.openapi_responses())
    }
}

fn text(value: &Value, key: &str) -> Option<String> {
    value.get(key).and_then(Value::as_str).map(str::to_owned)
}

fn object(value: &Value, key: &str) -> Map<String, Value> {
    value
        .get(key)
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default()
}

/// A response object of [`ErrorCatalog::openapi_responses`] as utoipa's.
fn to_response(response: &Value) -> Response {
    let mut builder =
        ResponseBuilder::new().description(text(response, "description").unwrap_or_default());
    for (name, header) in object(response, "headers") {
        let schema = header.get("schema").map_or_else(any, to_schema);
        builder = builder.header(
            name,
            HeaderBuilder::new()
                .schema(Some(schema))
                .description(text(&header, "description"))
                .build(),
        );
    }
    for (content_type, media) in object(response, "content") {
        let schema = media.get("schema").map(to_schema);
        let examples = object(&media, "examples")
            .into_iter()
            .map(|(name, example)| {
                let mut built = ExampleBuilder::new().value(example.get("value").cloned());
                if let Some(summary) = text(&example, "summary") {
                    built = built.summary(summary);
                }
                if let Some(description) = text(&example, "description") {
                    built = built.description(description);
                }
                (name, built.build())
            });
        let content = ContentBuilder::new()
            .schema(schema)
            .examples_from_iter(examples)
            .build();
        builder = builder.content(content_type, content);
    }
    builder.build()
}

fn any() -> RefOr<Schema> {
    RefOr::T(Schema::Object(
        ObjectBuilder::new()
            .schema_type(SchemaType::AnyValue)
            .build(),
    ))
}

/// A schema of the vocabulary the catalog's OpenAPI output uses: `$ref`,
/// `oneOf` with a discriminator, `anyOf`, arrays, objects and scalars with
/// `type`, `format`, `enum`, `required`, `properties`, `minimum`,
/// `maxItems` and `description`.
fn to_schema(schema: &Value) -> RefOr<Schema> {
    if let Some(location) = text(schema, "$ref") {
        return RefOr::Ref(Ref::new(location));
    }
    let description = text(schema, "description");
    let items = |key: &str| -> Vec<RefOr<Schema>> {
        schema
            .get(key)
            .and_then(Value::as_array)
            .map(|items| items.iter().map(to_schema).collect())
            .unwrap_or_default()
    };
    if schema.get("oneOf").is_some() {
        let discriminator: Option<Discriminator> = schema
            .get("discriminator")
            .and_then(|d| serde_json::from_value(d.clone()).ok());
        let mut builder = OneOfBuilder::new()
            .description(description)
            .discriminator(discriminator);
        for item in items("oneOf") {
            builder = builder.item(item);
        }
        return RefOr::T(Schema::OneOf(builder.build()));
    }
    if schema.get("anyOf").is_some() {
        let mut builder = AnyOfBuilder::new().description(description);
        for item in items("anyOf") {
            builder = builder.item(item);
        }
        return RefOr::T(Schema::AnyOf(builder.build()));
    }
    let schema_type: SchemaType = schema
        .get("type")
        .and_then(|ty| serde_json::from_value(ty.clone()).ok())
        .unwrap_or(SchemaType::AnyValue);
    if let Some(item) = schema.get("items") {
        return RefOr::T(Schema::Array(
            ArrayBuilder::new()
                .schema_type(schema_type)
                .items(ArrayItems::RefOrSchema(Box::new(to_schema(item))))
                .max_items(
                    schema
                        .get("maxItems")
                        .and_then(Value::as_u64)
                        .and_then(|max| usize::try_from(max).ok()),
                )
                .description(description)
                .build(),
        ));
    }
    let format: Option<SchemaFormat> = schema
        .get("format")
        .and_then(|format| serde_json::from_value(format.clone()).ok());
    let mut builder = ObjectBuilder::new()
        .schema_type(schema_type)
        .format(format)
        .description(description)
        .minimum(schema.get("minimum").and_then(Value::as_i64));
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        builder = builder.enum_values(Some(values.clone()));
    }
    for required in schema
        .get("required")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        builder = builder.required(required);
    }
    for (name, property) in object(schema, "properties") {
        builder = builder.property(name, to_schema(&property));
    }
    RefOr::T(Schema::Object(builder.build()))
}

/// Implements utoipa's `IntoResponses` for a derived type when the `utoipa`
/// feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ([$($impl_generics:tt)*] [$($ty:tt)*] [$($where_clause:tt)*]) => {
        impl $($impl_generics)* $crate::__private::utoipa::IntoResponses for $($ty)* $($where_clause)* {
            fn responses() -> ::std::collections::BTreeMap<
                ::std::string::String,
                $crate::__private::utoipa::openapi::RefOr<$crate::__private::utoipa::openapi::response::Response>,
            > {
                $crate::__private::utoipa_responses(
                    <Self as $crate::__private::Catalog>::CATALOG,
                )
            }
        }
    };
}
