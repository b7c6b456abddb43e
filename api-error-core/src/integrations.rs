//! The impls a derived type gets from the facade's cargo features. The derive
//! always calls `__integrations!`; each integration's macro expands to its
//! impl when its feature is on and to nothing otherwise, so turning a feature
//! on in `Cargo.toml` is all a user does.

/// Expands to every enabled integration's impl for one derived type.
#[doc(hidden)]
#[macro_export]
macro_rules! __integrations {
    ($($input:tt)*) => {
        $crate::__impl_axum! { $($input)* }
        $crate::__impl_actix_web! { $($input)* }
        $crate::__impl_utoipa! { $($input)* }
        $crate::__impl_tonic! { $($input)* }
        $crate::__impl_aide! { $($input)* }
    };
}

#[cfg(not(feature = "axum"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_axum {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "actix-web"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_actix_web {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "utoipa"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_utoipa {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "tonic"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_tonic {
    ($($input:tt)*) => {};
}

#[cfg(not(feature = "aide"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __impl_aide {
    ($($input:tt)*) => {};
}
