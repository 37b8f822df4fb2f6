from learning.routes import catalogue, programmes, results, spread

app_name = "learning"

urlpatterns = [
    *programmes.urlpatterns,
    *results.urlpatterns,
    *catalogue.urlpatterns,
    *spread.urlpatterns,
]
