from learning.routes import archive, catalogue, programmes, results, reuse, spread, stories

app_name = "learning"

urlpatterns = [
    *programmes.urlpatterns,
    *results.urlpatterns,
    *catalogue.urlpatterns,
    *spread.urlpatterns,
    *stories.urlpatterns,
    *reuse.urlpatterns,
    *archive.urlpatterns,
]
