//! What a route that is not built yet shows: what it will teach, and a way
//! to a lab that works today.

use super::routes::Route;
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ComingSoonProps {
    pub title: AttrValue,
    pub issue: AttrValue,
    pub blurb: AttrValue,
}

#[component]
pub fn ComingSoon(props: &ComingSoonProps) -> Html {
    html! {
        <section class="page narrow coming-soon">
            <p class="eyebrow">{ "Coming next" }</p>
            <h1>{ props.title.clone() }</h1>
            <p class="lead">{ props.blurb.clone() }</p>
            <p>{ format!("We are building {} now. Meanwhile, the image lab shows every idea of the blueprint on pictures: ", props.issue) }
                <Link<Route> to={Route::Image}>{ "open the image lab" }</Link<Route>>{ "." }
            </p>
        </section>
    }
}
